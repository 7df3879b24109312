-- The journal of images brought from other hosts into the site's media (`--media fetch`,
-- `minbar media fetch-remote`): one row per photo, keyed by what every size of it shares, with
-- the stored copy's name or why it could not be had. An interrupted import starts again from
-- here and never fetches a photo it already holds or already failed on.
CREATE TABLE remote_images (
    photo TEXT PRIMARY KEY,
    url TEXT NOT NULL,
    media_name TEXT,
    reason TEXT,
    tried_at BIGINT NOT NULL
);
