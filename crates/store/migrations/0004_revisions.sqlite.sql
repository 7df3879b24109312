-- Every save of a post keeps the version it replaced, so an editor can go back. A form key
-- makes a form submitted twice create one post, not two.
ALTER TABLE posts ADD COLUMN form_key TEXT;
CREATE UNIQUE INDEX posts_by_form_key ON posts (form_key);
CREATE TABLE post_revisions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    post_id INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    body_source TEXT NOT NULL,
    body_format TEXT NOT NULL,
    labels TEXT NOT NULL,
    saved_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    saved_at INTEGER NOT NULL
);
CREATE INDEX post_revisions_by_post ON post_revisions (post_id, id);
