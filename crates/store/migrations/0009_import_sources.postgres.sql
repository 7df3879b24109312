-- Where imported things came from: the platform's own id of each post, page and comment, so
-- importing the same export again updates what changed and adds nothing twice.
CREATE TABLE import_sources (
    kind TEXT NOT NULL,
    source_id TEXT NOT NULL,
    entity_id BIGINT NOT NULL,
    PRIMARY KEY (kind, source_id)
);
