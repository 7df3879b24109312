-- A post's cover image: the name of an uploaded image's full-size copy.
ALTER TABLE posts ADD COLUMN cover TEXT;
