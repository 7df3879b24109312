-- Work the nodes share. Each job is one row, claimed by one node at a time for a lease (a node
-- that dies lets its claim lapse), retried with growing delays after a failure, and kept with
-- its last error for the admins to see. A recurring job (publishing what is due, purging front
-- caches) is rescheduled after each run; `state` is what it carries between runs.
CREATE TABLE jobs (
    id BIGSERIAL PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    state TEXT NOT NULL DEFAULT '',
    run_at BIGINT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    last_error TEXT,
    last_run_at BIGINT,
    claimed_by TEXT,
    claim_until BIGINT,
    claim BIGINT NOT NULL DEFAULT 0,
    done_at BIGINT,
    created_at BIGINT NOT NULL
);
CREATE INDEX jobs_due ON jobs (run_at);
