-- The live desk (SPEC T1), and an index for the callout clock (T2) at the end.
--
-- Every desk listens for its lab's changes on one connection of
-- its own and reloads only the orders that changed, so a change committed anywhere shows
-- on every desk within a second without any desk polling the server.
--
-- What changed is already known: the change feed (migration 0015) notes each order a
-- transaction changes once, in that transaction, from every table a desk shows. So the
-- note itself tells the listening desks. pg_notify is transactional: a rolled-back change
-- tells nobody, a committed one is delivered after its commit. One channel per lab, so a
-- desk is told of its own lab's orders only; which of those it may see is for the row
-- policies to say when it reads them again. The payload is the order's id and nothing of
-- the patient.
CREATE FUNCTION live_desk_order_changed() RETURNS trigger
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
    PERFORM pg_notify('calloutdesk_lab_' || NEW.lab_id, NEW.bill_id::text);
    RETURN NULL;
END;
$$;
REVOKE EXECUTE ON FUNCTION live_desk_order_changed() FROM PUBLIC;
CREATE TRIGGER live_desk_order_changed AFTER INSERT ON cache_feed
    FOR EACH ROW EXECUTE FUNCTION live_desk_order_changed();

-- A report that becomes critical (a callout is now pending: from no status, normal or
-- abnormal) alerts the desks that may see it (T1). The WHEN clauses are evaluated without
-- calling the function, so the rest of the report writes (a callout moving a report on to
-- attempted or done, a sign-off) cost nothing more.
CREATE FUNCTION live_desk_report_critical() RETURNS trigger
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
    PERFORM pg_notify('calloutdesk_lab_' || NEW.lab_id, 'critical:' || NEW.bill_id);
    RETURN NULL;
END;
$$;
REVOKE EXECUTE ON FUNCTION live_desk_report_critical() FROM PUBLIC;
CREATE TRIGGER live_desk_report_critical_inserted AFTER INSERT ON report
    FOR EACH ROW WHEN (NEW.critical_values = 1)
    EXECUTE FUNCTION live_desk_report_critical();
CREATE TRIGGER live_desk_report_critical_updated AFTER UPDATE OF critical_values ON report
    FOR EACH ROW WHEN (NEW.critical_values = 1
                       AND OLD.critical_values IN (0, 3))
    EXECUTE FUNCTION live_desk_report_critical();

-- The callout clock's overdue counts (SPEC T2) come in the tab counts' one statement, which
-- reads this index alone (migration 0014): with the result time beside the status, the
-- count of the overdue stays an index-only scan instead of reading every critical report's
-- row of the lab (about 9 times the time of the counts on a lab of 100,000 reports).
DROP INDEX report_critical_bill_idx;
CREATE INDEX report_critical_bill_idx ON report (bill_id)
    INCLUDE (lab_id, critical_values, lab_test_id, result_on, last_updated)
    WHERE NOT dismissed AND sample_collected AND critical_values IN (1, 2, 4);
