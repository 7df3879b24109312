-- Who has a post open in the editor, and when their browser last said so: two people editing
-- the same post are told of each other. Rows older than a minute mean nothing and are cleared.
CREATE TABLE editing (
    post_id BIGINT NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    seen_at BIGINT NOT NULL,
    PRIMARY KEY (post_id, user_id)
);
