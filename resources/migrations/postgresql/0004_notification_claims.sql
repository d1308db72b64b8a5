-- Notification delivery (SPEC N3): several desks drain one outbox. A desk takes a message
-- by setting it 'sending' with a lease (claimed_until); only the claim's holder may record
-- the outcome, and a lease that runs out (the desk crashed mid-send) makes the message
-- available again; claimed_by then says which desk took it last.
ALTER TABLE notification_outbox ADD COLUMN claimed_by text;
ALTER TABLE notification_outbox ADD COLUMN claimed_until timestamptz;
CREATE INDEX notification_outbox_sending_idx ON notification_outbox (claimed_until, id)
    WHERE state = 'sending';
CREATE INDEX notification_outbox_activity_idx ON notification_outbox (activity_log_id);
