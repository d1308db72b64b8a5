-- A callout recorded on a desk that was offline (SPEC O3) reaches the server later: its
-- record keeps both the time it was made (made_at) and the time the server received it
-- (created_on, activity_date, the server's clock as before). Online callouts leave made_at
-- null. Both tables hold it: the history reads activity_log and the audit and export read
-- critical_callout, and both rows are written by the callout's one statement, so no read
-- needs a join and no callout needs another round trip.
-- A call cannot be made after the server received it; a desk clock a little ahead of the
-- server's is not a call from the future (the engine allows the same two minutes).
ALTER TABLE critical_callout
    ADD COLUMN made_at timestamptz,
    ADD CONSTRAINT critical_callout_made_before_received
        CHECK (made_at IS NULL OR made_at <= created_on + interval '2 minutes');
ALTER TABLE activity_log
    ADD COLUMN made_at timestamptz,
    ADD CONSTRAINT activity_log_made_before_received
        CHECK (made_at IS NULL OR made_at <= activity_date + interval '2 minutes');

-- What a desk may do with the new columns (A2): the table-level SELECT and INSERT of 0006
-- cover them, and no desk may UPDATE a completed callout row, so no grant is added.
