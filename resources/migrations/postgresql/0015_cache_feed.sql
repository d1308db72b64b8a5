-- The offline cache's change feed (SPEC O1). Every statement that changes what a desk
-- caches of an order notes the order here, in the same transaction, so a committed change
-- reaches every cache and a rolled-back one reaches none.
--
-- Why a desk cannot miss a change: each row carries the id of the transaction that wrote
-- it (pg_current_xact_id(), 64 bits, never wraps). A desk reads the feed and the orders in
-- one REPEATABLE READ snapshot and keeps that snapshot's xmin as its watermark: every
-- transaction with a lower id had ended when the snapshot was taken, so what it committed
-- was in that read. Anything the read could not see (a transaction still running, or one
-- started later) has an id at or above the watermark, and the next read asks for exactly
-- those. Ids are given out in start order but commit in any order, which is why the
-- watermark is the snapshot's xmin and not the highest id read; rows read once that are
-- still above the watermark are remembered by the cache (cache_feed_seen), so they are not
-- applied twice.
CREATE TABLE cache_feed (
    id         bigserial PRIMARY KEY,
    lab_id     bigint NOT NULL,
    bill_id    bigint NOT NULL,
    xact_id    xid8 NOT NULL DEFAULT pg_current_xact_id(),
    changed_on timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX cache_feed_lab_xact_idx ON cache_feed (lab_id, xact_id);
CREATE INDEX cache_feed_changed_on_idx ON cache_feed (changed_on);

-- The lab's offline window: a cache holds every open callout and the orders with results
-- in this many days.
ALTER TABLE lab ADD COLUMN offline_window_days integer NOT NULL DEFAULT 30
    CHECK (offline_window_days BETWEEN 1 AND 3650);

-- One function for every table: its first argument is a query of (lab_id, bill_id) over
-- the statement's transition table, named by %1$I; an update may have a query of its own
-- over both (new_rows, old_rows) as the second. Per statement, so a batch of reports from
-- the laboratory system notes each order once. As the owner, so it sees every order
-- whatever the writer may see, and a desk needs no right on the feed but to read it.
CREATE FUNCTION cache_feed_note() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    tables text[] := CASE TG_OP WHEN 'INSERT' THEN ARRAY['new_rows']
                                WHEN 'DELETE' THEN ARRAY['old_rows']
                                ELSE ARRAY['new_rows', 'old_rows'] END;
    orders text;
BEGIN
    IF TG_OP = 'UPDATE' AND TG_NARGS > 1 AND TG_ARGV[1] <> '' THEN
        orders := TG_ARGV[1];
    ELSE
        orders := array_to_string(ARRAY(SELECT format(TG_ARGV[0], t) FROM unnest(tables) AS t),
                                  ' UNION ALL ');
    END IF;
    EXECUTE 'INSERT INTO cache_feed (lab_id, bill_id) SELECT DISTINCT lab_id, bill_id FROM ('
        || orders || ') AS changed (lab_id, bill_id) WHERE bill_id IS NOT NULL';
    RETURN NULL;
END;
$$;
REVOKE EXECUTE ON FUNCTION cache_feed_note() FROM PUBLIC;

DO $$
DECLARE
    source record;
BEGIN
    FOR source IN
        SELECT * FROM (VALUES
            -- An order's update notes it only when a column the cache keeps changed: not
            -- for report_test_ids, which migration 0007's triggers keep with the reports.
            ('bill', 'SELECT lab_id, id FROM %1$I', 'INSERT OR UPDATE OR DELETE',
             'SELECT n.lab_id, n.id FROM new_rows n JOIN old_rows o ON o.id = n.id '
             'WHERE (n.lab_bill_id, n.patient_id, n.referral_doctor_id, n.organisation_id, '
             'n.assigned_doctor_id, n.bill_date) IS DISTINCT FROM (o.lab_bill_id, o.patient_id, '
             'o.referral_doctor_id, o.organisation_id, o.assigned_doctor_id, o.bill_date)'),
            ('patient', NULL, 'UPDATE',
             'SELECT b.lab_id, b.id FROM new_rows n JOIN old_rows o ON o.id = n.id '
             'JOIN bill b ON b.patient_id = n.id '
             'WHERE (n.name, n.email, n.fax, n.contact_number, n.sex, n.date_of_birth) '
             'IS DISTINCT FROM (o.name, o.email, o.fax, o.contact_number, o.sex, o.date_of_birth)'),
            ('report', 'SELECT lab_id, bill_id FROM %1$I', 'INSERT OR UPDATE OR DELETE', NULL),
            ('report_value',
             'SELECT r.lab_id, r.bill_id FROM %1$I c JOIN report r ON r.id = c.report_id',
             'INSERT OR UPDATE OR DELETE', NULL),
            ('critical_callout', 'SELECT lab_id, bill_id FROM %1$I', 'INSERT OR UPDATE OR DELETE',
             NULL),
            ('activity_log', 'SELECT lab_id, bill_id FROM %1$I', 'INSERT OR UPDATE OR DELETE',
             NULL),
            ('activity_log_report',
             'SELECT r.lab_id, r.bill_id FROM %1$I c JOIN report r ON r.id = c.lab_report_id',
             'INSERT OR DELETE', NULL),
            -- A worker's claim does not change what a desk shows; a delivery does.
            ('notification_outbox', 'SELECT lab_id, bill_id FROM %1$I',
             'INSERT OR UPDATE OR DELETE',
             'SELECT n.lab_id, n.bill_id FROM new_rows n JOIN old_rows o ON o.id = n.id '
             'WHERE n.state IS DISTINCT FROM o.state')) AS s (tab, orders, events, updated)
    LOOP
        -- A trigger with transition tables fires on one event only.
        IF source.events LIKE '%INSERT%' THEN
            EXECUTE format('CREATE TRIGGER cache_feed_inserted AFTER INSERT ON %I '
                           'REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT '
                           'EXECUTE FUNCTION cache_feed_note(%L)', source.tab, source.orders);
        END IF;
        IF source.events LIKE '%UPDATE%' THEN
            EXECUTE format('CREATE TRIGGER cache_feed_updated AFTER UPDATE ON %I '
                           'REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows '
                           'FOR EACH STATEMENT EXECUTE FUNCTION cache_feed_note(%L, %L)',
                           source.tab, COALESCE(source.orders, ''), COALESCE(source.updated, ''));
        END IF;
        IF source.events LIKE '%DELETE%' THEN
            EXECUTE format('CREATE TRIGGER cache_feed_deleted AFTER DELETE ON %I '
                           'REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT '
                           'EXECUTE FUNCTION cache_feed_note(%L)', source.tab, source.orders);
        END IF;
    END LOOP;
END;
$$;

-- How long the feed is kept: a cache not refreshed for longer is filled again.
CREATE FUNCTION cache_feed_retention() RETURNS interval
LANGUAGE sql IMMUTABLE AS $$ SELECT interval '14 days' $$;

-- Removes feed rows past the retention, a batch at a time; any desk may call it.
CREATE FUNCTION prune_cache_feed(batch integer) RETURNS integer
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    removed integer;
BEGIN
    DELETE FROM cache_feed WHERE id IN (
        SELECT id FROM cache_feed WHERE changed_on < now() - cache_feed_retention()
        ORDER BY changed_on LIMIT greatest(batch, 1));
    GET DIAGNOSTICS removed = ROW_COUNT;
    RETURN removed;
END;
$$;
REVOKE EXECUTE ON FUNCTION prune_cache_feed(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION prune_cache_feed(integer) TO calloutdesk_desk;

-- A desk reads its own lab's feed; which of those orders it then sees is for the order
-- policies to say.
ALTER TABLE cache_feed ENABLE ROW LEVEL SECURITY;
GRANT SELECT ON cache_feed TO calloutdesk_desk;
CREATE POLICY own_lab ON cache_feed FOR SELECT TO calloutdesk_desk
    USING (lab_id = (SELECT desk_lab_id()));

-- A refresh re-reads the changed orders' rows by order. Without these the callouts, the
-- activity log and the messages of 100 orders were found by reading the whole table under
-- the row policies (175 ms of a 250 ms refresh on the demo's million reports).
CREATE INDEX activity_log_bill_idx ON activity_log (bill_id);
CREATE INDEX critical_callout_bill_idx ON critical_callout (bill_id);
CREATE INDEX notification_outbox_bill_idx ON notification_outbox (bill_id);
