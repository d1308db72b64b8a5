-- Index sync (SPEC E4): several desks drain one outbox. A desk claims a batch for a
-- while (claimed_until); a claim that runs out, because the desk crashed or lost the
-- network, makes the rows available again, so nothing is lost and nothing is sent twice
-- while a claim holds.
ALTER TABLE index_outbox ADD COLUMN claimed_by text;
ALTER TABLE index_outbox ADD COLUMN claimed_until timestamptz;
ALTER TABLE index_outbox ADD COLUMN done_on timestamptz;
CREATE INDEX index_outbox_failed_idx ON index_outbox (id) WHERE state = 'failed';
