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
-- A desk reads its lab's feed from a watermark; a trigger asks whether its transaction
-- noted an order already.
CREATE INDEX cache_feed_lab_xact_idx ON cache_feed (lab_id, xact_id, bill_id);
CREATE INDEX cache_feed_changed_on_idx ON cache_feed (changed_on);

-- The lab's offline window: a cache holds every open callout and the orders with results
-- in this many days.
ALTER TABLE lab ADD COLUMN offline_window_days integer NOT NULL DEFAULT 30
    CHECK (offline_window_days BETWEEN 1 AND 3650);

-- A trigger function of its own for every table and event, made below from one list, so
-- each is static SQL whose plan a session keeps: a callout is one statement that changes
-- five of these tables, and a function that built its query as text planned it again five
-- times a callout. Per statement, so a batch of reports from the laboratory system notes
-- each order once; and an order this transaction noted already is not noted again (the
-- feed only says which orders changed). As the owner, so it sees every order whatever the
-- writer may see, and a desk needs no right on the feed but to read it.
DO $$
DECLARE
    source record;
    event record;
    orders text;
BEGIN
    FOR source IN
        SELECT * FROM (VALUES
            -- An order's update notes it only when a column the cache keeps changed: not
            -- for report_test_ids, which migration 0007's triggers keep with the reports.
            ('bill', 'SELECT lab_id, id FROM %1$s', 'INSERT OR UPDATE OR DELETE',
             'SELECT n.lab_id, n.id FROM new_rows n JOIN old_rows o ON o.id = n.id '
             'WHERE (n.lab_bill_id, n.patient_id, n.referral_doctor_id, n.organisation_id, '
             'n.assigned_doctor_id, n.bill_date) IS DISTINCT FROM (o.lab_bill_id, o.patient_id, '
             'o.referral_doctor_id, o.organisation_id, o.assigned_doctor_id, o.bill_date)'),
            ('patient', NULL, 'UPDATE',
             'SELECT b.lab_id, b.id FROM new_rows n JOIN old_rows o ON o.id = n.id '
             'JOIN bill b ON b.patient_id = n.id '
             'WHERE (n.name, n.email, n.fax, n.contact_number, n.sex, n.date_of_birth) '
             'IS DISTINCT FROM (o.name, o.email, o.fax, o.contact_number, o.sex, o.date_of_birth)'),
            ('report', 'SELECT lab_id, bill_id FROM %1$s', 'INSERT OR UPDATE OR DELETE', NULL),
            ('report_value',
             'SELECT r.lab_id, r.bill_id FROM %1$s c JOIN report r ON r.id = c.report_id',
             'INSERT OR UPDATE OR DELETE', NULL),
            ('critical_callout', 'SELECT lab_id, bill_id FROM %1$s', 'INSERT OR UPDATE OR DELETE',
             NULL),
            ('activity_log', 'SELECT lab_id, bill_id FROM %1$s', 'INSERT OR UPDATE OR DELETE',
             NULL),
            ('activity_log_report',
             'SELECT r.lab_id, r.bill_id FROM %1$s c JOIN report r ON r.id = c.lab_report_id',
             'INSERT OR DELETE', NULL),
            -- A worker's claim does not change what a desk shows; a delivery does.
            ('notification_outbox', 'SELECT lab_id, bill_id FROM %1$s',
             'INSERT OR UPDATE OR DELETE',
             'SELECT n.lab_id, n.bill_id FROM new_rows n JOIN old_rows o ON o.id = n.id '
             'WHERE n.state IS DISTINCT FROM o.state')) AS s (tab, orders, events, updated)
    LOOP
        -- A trigger with transition tables fires on one event only.
        FOR event IN
            SELECT * FROM (VALUES
                ('INSERT', 'inserted', 'NEW TABLE AS new_rows'),
                ('UPDATE', 'updated', 'OLD TABLE AS old_rows NEW TABLE AS new_rows'),
                ('DELETE', 'deleted', 'OLD TABLE AS old_rows')) AS e (op, name, tables)
            WHERE source.events LIKE '%' || e.op || '%'
        LOOP
            orders := CASE event.op
                WHEN 'INSERT' THEN format(source.orders, 'new_rows')
                WHEN 'DELETE' THEN format(source.orders, 'old_rows')
                ELSE COALESCE(source.updated, format(source.orders, 'new_rows') || ' UNION ALL '
                                                  || format(source.orders, 'old_rows')) END;
            EXECUTE format(
                'CREATE FUNCTION %1$I() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER '
                'SET search_path = public, pg_temp AS $f$ BEGIN '
                'INSERT INTO cache_feed (lab_id, bill_id) '
                'SELECT DISTINCT c.lab_id, c.bill_id FROM (%2$s) AS c (lab_id, bill_id) '
                'WHERE c.bill_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM cache_feed f '
                'WHERE f.lab_id = c.lab_id AND f.xact_id = pg_current_xact_id() '
                'AND f.bill_id = c.bill_id); '
                'RETURN NULL; END $f$',
                'cache_feed_' || source.tab || '_' || event.name, orders);
            EXECUTE format('REVOKE EXECUTE ON FUNCTION %I() FROM PUBLIC',
                           'cache_feed_' || source.tab || '_' || event.name);
            EXECUTE format('CREATE TRIGGER %1$I AFTER %2$s ON %3$I REFERENCING %4$s '
                           'FOR EACH STATEMENT EXECUTE FUNCTION %5$I()',
                           'cache_feed_' || event.name, event.op, source.tab, event.tables,
                           'cache_feed_' || source.tab || '_' || event.name);
        END LOOP;
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
