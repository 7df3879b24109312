-- Work the nodes share. Each job is one row, claimed by one node at a time for a lease (a node
-- that dies lets its claim lapse), retried with growing delays after a failure, and kept with
-- its last error for the admins to see. A recurring job (publishing what is due, purging front
-- caches) is rescheduled after each run; `state` is what it carries between runs.
CREATE TABLE jobs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL UNIQUE,
    state TEXT NOT NULL DEFAULT '',
    run_at INTEGER NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    last_run_at INTEGER,
    claimed_by TEXT,
    claim_until INTEGER,
    claim INTEGER NOT NULL DEFAULT 0,
    done_at INTEGER,
    created_at INTEGER NOT NULL
);
CREATE INDEX jobs_due ON jobs (run_at);
