-- The featured posts every page's layout shows: without this index the query walked every
-- published post and read past each body (SQLite keeps `featured` after the body's overflow
-- pages) to find the few featured ones.
CREATE INDEX posts_featured ON posts (featured, status, published_at DESC);
