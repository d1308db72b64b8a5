-- Index sync (SPEC E4): see the PostgreSQL migration of the same number.
ALTER TABLE index_outbox ADD COLUMN claimed_by TEXT;
ALTER TABLE index_outbox ADD COLUMN claimed_until TEXT;
ALTER TABLE index_outbox ADD COLUMN done_on TEXT;
CREATE INDEX index_outbox_failed_idx ON index_outbox (id) WHERE state = 'failed';
