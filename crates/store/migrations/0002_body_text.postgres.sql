-- The body as plain text, kept beside the HTML so the search index does not parse HTML again.
-- Posts written before this migration have '' here; readers fall back to the HTML.
ALTER TABLE posts ADD COLUMN body_text TEXT NOT NULL DEFAULT '';
