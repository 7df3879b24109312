-- The newsroom's clock and languages. A site keeps UTC until an editor names its zone (paths
-- already published never move); `hijri_adjust` is NULL when Hijri dates are off. A post or page
-- with no language is in the site's; posts that translate one another share a
-- `translation_group` (the id of the first post of the group).
ALTER TABLE site ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'UTC';
ALTER TABLE site ADD COLUMN hijri_adjust INTEGER;
ALTER TABLE posts ADD COLUMN language TEXT;
ALTER TABLE posts ADD COLUMN translation_group BIGINT;
ALTER TABLE pages ADD COLUMN language TEXT;
CREATE INDEX posts_translation_group ON posts (translation_group);
-- Counting a language's posts reads this index alone, as counting all posts reads
-- posts_by_status_and_time.
CREATE INDEX posts_by_status_language_time ON posts (status, language, published_at DESC);
