-- One queue mechanism for both outboxes (SPEC N4, E5): each item carries the class of its
-- last failure, so that status and the desks tell apart what waits for a server to come
-- back ('transient'), for someone to fix settings ('configuration'), and what a server
-- refused ('permanent': a notification failed for good, or an index document held on a
-- long backoff).
ALTER TABLE index_outbox ADD COLUMN failure_class text NOT NULL DEFAULT ''
    CHECK (failure_class IN ('', 'transient', 'configuration', 'permanent'));
ALTER TABLE notification_outbox ADD COLUMN failure_class text NOT NULL DEFAULT ''
    CHECK (failure_class IN ('', 'transient', 'configuration', 'permanent'));

-- An index document refused by an earlier version failed after one attempt and left the
-- worklist wrong until a rebuild; it is now held and tried again.
UPDATE index_outbox SET state = 'pending', failure_class = 'permanent', next_attempt_at = now(),
    claimed_until = NULL
WHERE state = 'failed';
UPDATE notification_outbox SET failure_class = 'permanent' WHERE state = 'failed';

-- Housekeeping: delivered items are kept for the lab's retention, then pruned in small
-- batches by the workers. Every delivered item has its delivery time.
ALTER TABLE lab ADD COLUMN outbox_retention_days integer NOT NULL DEFAULT 30
    CHECK (outbox_retention_days BETWEEN 1 AND 3650);
UPDATE index_outbox SET done_on = created_on WHERE state = 'done' AND done_on IS NULL;
UPDATE notification_outbox SET sent_on = created_on WHERE state = 'sent' AND sent_on IS NULL;
CREATE INDEX index_outbox_done_idx ON index_outbox (done_on) WHERE state = 'done';
CREATE INDEX notification_outbox_sent_idx ON notification_outbox (sent_on) WHERE state = 'sent';

-- A report deleted by the laboratory system leaves the index too: its deletion queues a
-- row that the index sync turns into a delete of the report's document. As the owner, so
-- whoever deletes needs no right on the outbox.
CREATE FUNCTION report_deleted_leaves_index() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    INSERT INTO index_outbox (lab_id, scope, report_id)
    SELECT lab_id, 'report', id FROM deleted_reports ORDER BY id;
    RETURN NULL;
END;
$$;
REVOKE EXECUTE ON FUNCTION report_deleted_leaves_index() FROM PUBLIC;
CREATE TRIGGER report_deleted_leaves_index AFTER DELETE ON report
    REFERENCING OLD TABLE AS deleted_reports
    FOR EACH STATEMENT EXECUTE FUNCTION report_deleted_leaves_index();

-- What a desk may do with the new columns (A2). Only a login that sees the whole lab
-- claims and sends (policy "sent" of 0006), so only it records a failure class, and only
-- it prunes, and only delivered items of its own lab.
GRANT UPDATE (failure_class) ON index_outbox, notification_outbox TO calloutdesk_desk;
GRANT DELETE ON index_outbox, notification_outbox TO calloutdesk_desk;
CREATE POLICY pruned ON index_outbox FOR DELETE TO calloutdesk_desk
    USING (state = 'done' AND lab_id = (SELECT desk_lab_id()) AND (SELECT desk_sees_whole_lab()));
CREATE POLICY pruned ON notification_outbox FOR DELETE TO calloutdesk_desk
    USING (state = 'sent' AND lab_id = (SELECT desk_lab_id()) AND (SELECT desk_sees_whole_lab()));
