-- Lists of a language (the site's own takes the posts naming none: `language IS NULL OR
-- language = ?`) are read newest first. This index holds the order and the language, so a
-- list page skips to its offset and filters on the index alone, never reading a post's row
-- (whose body comes before its `language`, added later, in SQLite's record). It serves every
-- list `posts_by_status_and_time` served.
CREATE INDEX posts_by_status_time_language ON posts (status, published_at DESC, id DESC, language);
DROP INDEX posts_by_status_and_time;
-- The featured posts, in the same order: with `id` in both indexes, the planner takes this one
-- (two equalities, the order already held) rather than walking every published post above.
DROP INDEX posts_featured;
CREATE INDEX posts_featured ON posts (featured, status, published_at DESC, id DESC);
