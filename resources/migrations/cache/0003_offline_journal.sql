-- The offline journal (SPEC O3): callouts recorded while the server could not be reached,
-- kept until the server has them. It is a queue of the one queue mechanism (OutboxQueue:
-- claim with a lease, retry with growing jittered delays, failure classes), so it has the
-- columns that mechanism reads; lab_id is the lab the callout belongs to.
--   pending  — waiting to be sent (again: attempts, next_attempt_at, last_error say why);
--   sending  — claimed by a replay, until claimed_until;
--   applied  — the server has it (applied_on, and the activity log row it answered with);
--   failed   — "Needs attention": the server refused it (its reports changed meanwhile,
--              or it was refused as invalid), last_error says why; nothing was applied;
--   resolved — a person dealt with it: recorded again as a further communication (the
--              new entry is resolved_into) or discarded with a reason. Kept, never deleted.
-- The whole request is kept (request, JSON of CalloutRequestJson) with its request id
-- (C9), the statuses the person saw (inside the request, C6), who made it and when.
CREATE TABLE offline_journal (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    lab_id            INTEGER NOT NULL CHECK (lab_id > 0),
    request_id        TEXT NOT NULL UNIQUE CHECK (length(request_id) BETWEEN 1 AND 100),
    request           TEXT NOT NULL CHECK (json_valid(request) AND json_type(request) = 'object'),
    bill_id           INTEGER NOT NULL CHECK (bill_id > 0),
    made_by           TEXT NOT NULL CHECK (length(trim(made_by)) > 0),
    made_at           TEXT NOT NULL,
    state             TEXT NOT NULL DEFAULT 'pending'
                      CHECK (state IN ('pending', 'sending', 'applied', 'failed', 'resolved')),
    attempts          INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    last_error        TEXT NOT NULL DEFAULT '',
    failure_class     TEXT NOT NULL DEFAULT ''
                      CHECK (failure_class IN ('', 'transient', 'configuration', 'permanent')),
    claimed_by        TEXT,
    claimed_until     TEXT,
    created_on        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    applied_on        TEXT,
    activity_log_id   INTEGER,
    resolution        TEXT CHECK (resolution IN ('recorded_again', 'discarded')),
    resolution_reason TEXT,
    resolved_by       TEXT,
    resolved_on       TEXT,
    resolved_into     INTEGER REFERENCES offline_journal (id),
    CHECK ((state = 'resolved') = (resolution IS NOT NULL)),
    CHECK (resolution IS NULL
           OR (length(trim(resolved_by)) > 0 AND resolved_on IS NOT NULL)),
    CHECK (resolution IS NOT 'discarded' OR length(trim(resolution_reason)) > 0),
    CHECK (resolution IS NOT 'recorded_again' OR resolved_into IS NOT NULL)
) STRICT;
CREATE INDEX offline_journal_pending_idx ON offline_journal (next_attempt_at, id)
    WHERE state = 'pending';

-- What is recorded offline is never lost: an entry that is not applied is never deleted,
-- and a person's resolution, once made, stays as it was made.
CREATE TRIGGER offline_journal_kept BEFORE DELETE ON offline_journal
    FOR EACH ROW WHEN OLD.state <> 'applied'
BEGIN
    SELECT RAISE(ABORT, 'an offline journal entry the server does not have cannot be deleted');
END;
CREATE TRIGGER offline_journal_resolution_kept BEFORE UPDATE ON offline_journal
    FOR EACH ROW WHEN OLD.state = 'resolved'
BEGIN
    SELECT RAISE(ABORT, 'a resolved offline journal entry cannot be changed');
END;
