-- Corrections and updates an editor adds to a published post, in the open: each dated, shown at
-- the top or the bottom of the article, listed on the site's corrections page.
CREATE TABLE post_notes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    post_id INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    placement TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    author_id INTEGER REFERENCES authors (id) ON DELETE SET NULL
);
CREATE INDEX post_notes_by_post ON post_notes (post_id, created_at);
CREATE INDEX post_notes_by_time ON post_notes (created_at);
