-- What moderation needs to know about a comment: the address it came from (rate limits, bans),
-- the member of the newsroom who wrote it (the staff badge), its spam score with the reasons,
-- a fingerprint of its text (duplicates) and when an editor last changed it.
ALTER TABLE comments ADD COLUMN ip TEXT;
ALTER TABLE comments ADD COLUMN user_id INTEGER REFERENCES users (id) ON DELETE SET NULL;
ALTER TABLE comments ADD COLUMN spam_score INTEGER NOT NULL DEFAULT 0;
ALTER TABLE comments ADD COLUMN spam_reasons TEXT NOT NULL DEFAULT '';
ALTER TABLE comments ADD COLUMN fingerprint TEXT;
ALTER TABLE comments ADD COLUMN edited_at INTEGER;
CREATE INDEX comments_by_ip ON comments (ip, created_at);
CREATE INDEX comments_by_time ON comments (created_at);
CREATE INDEX comments_by_fingerprint ON comments (fingerprint, created_at);
-- Comments closed by hand on one post, and the Telegram channel message (channel/123) whose
-- discussion the outside tab shows.
ALTER TABLE posts ADD COLUMN comments_closed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE posts ADD COLUMN telegram_post TEXT;
-- Comments close by themselves this many days after publication (none: never).
ALTER TABLE site ADD COLUMN comments_close_days INTEGER;
-- Addresses (ranges, as CIDR) whose comments are refused, and words that mark a comment as spam
-- (stored normalized, shown as typed).
CREATE TABLE comment_bans (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    value TEXT NOT NULL,
    shown TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    UNIQUE (kind, value)
);
