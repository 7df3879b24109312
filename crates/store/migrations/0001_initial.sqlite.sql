-- The first schema, SQLite flavour. Times are Unix seconds; flags are 0 or 1.
CREATE TABLE site (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    title TEXT NOT NULL,
    about TEXT NOT NULL,
    locale TEXT NOT NULL,
    moderation TEXT NOT NULL,
    outside_comments TEXT,
    base_url TEXT,
    secret TEXT NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE TABLE authors (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    bio TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL
);
CREATE TABLE posts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    path TEXT NOT NULL UNIQUE,
    slug TEXT NOT NULL,
    title TEXT NOT NULL,
    body_source TEXT NOT NULL,
    body_format TEXT NOT NULL,
    body_html TEXT NOT NULL,
    excerpt TEXT NOT NULL,
    status TEXT NOT NULL,
    featured INTEGER NOT NULL DEFAULT 0,
    published_at INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    author_id INTEGER REFERENCES authors (id)
);
CREATE INDEX posts_by_status_and_time ON posts (status, published_at DESC);
CREATE TABLE labels (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    key TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL
);
CREATE TABLE post_labels (
    post_id INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    label_id INTEGER NOT NULL REFERENCES labels (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    PRIMARY KEY (post_id, label_id)
);
CREATE INDEX post_labels_by_label ON post_labels (label_id);
CREATE TABLE pages (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    slug TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    body_source TEXT NOT NULL,
    body_format TEXT NOT NULL,
    body_html TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE TABLE comments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    post_id INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    parent_id INTEGER REFERENCES comments (id) ON DELETE CASCADE,
    author_name TEXT NOT NULL,
    author_key TEXT,
    body TEXT NOT NULL,
    status TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX comments_by_post ON comments (post_id, status, created_at);
CREATE INDEX comments_by_author ON comments (author_key, status);
CREATE TABLE outbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    entity TEXT NOT NULL,
    entity_id INTEGER NOT NULL,
    action TEXT NOT NULL,
    path TEXT,
    created_at INTEGER NOT NULL
);
