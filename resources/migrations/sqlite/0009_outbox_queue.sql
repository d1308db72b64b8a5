-- One queue mechanism for both outboxes (SPEC N4, E5). See the PostgreSQL migration for
-- the why; SQLite has no logins, so no grants or policies.
ALTER TABLE index_outbox ADD COLUMN failure_class TEXT NOT NULL DEFAULT ''
    CHECK (failure_class IN ('', 'transient', 'configuration', 'permanent'));
ALTER TABLE notification_outbox ADD COLUMN failure_class TEXT NOT NULL DEFAULT ''
    CHECK (failure_class IN ('', 'transient', 'configuration', 'permanent'));

UPDATE index_outbox SET state = 'pending', failure_class = 'permanent',
    next_attempt_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), claimed_until = NULL
WHERE state = 'failed';
UPDATE notification_outbox SET failure_class = 'permanent' WHERE state = 'failed';

ALTER TABLE lab ADD COLUMN outbox_retention_days INTEGER NOT NULL DEFAULT 30
    CHECK (outbox_retention_days BETWEEN 1 AND 3650);
UPDATE index_outbox SET done_on = created_on WHERE state = 'done' AND done_on IS NULL;
UPDATE notification_outbox SET sent_on = created_on WHERE state = 'sent' AND sent_on IS NULL;
CREATE INDEX index_outbox_done_idx ON index_outbox (done_on) WHERE state = 'done';
CREATE INDEX notification_outbox_sent_idx ON notification_outbox (sent_on) WHERE state = 'sent';

CREATE TRIGGER report_deleted_leaves_index AFTER DELETE ON report
BEGIN
    INSERT INTO index_outbox (lab_id, scope, report_id) VALUES (OLD.lab_id, 'report', OLD.id);
END;
