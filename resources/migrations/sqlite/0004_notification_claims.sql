-- Notification delivery (SPEC N3): see the PostgreSQL migration of the same number.
ALTER TABLE notification_outbox ADD COLUMN claimed_by TEXT;
ALTER TABLE notification_outbox ADD COLUMN claimed_until TEXT;
CREATE INDEX notification_outbox_sending_idx ON notification_outbox (claimed_until, id)
    WHERE state = 'sending';
CREATE INDEX notification_outbox_activity_idx ON notification_outbox (activity_log_id);
