-- A report's values under row-level security without a report lookup per value (SPEC A2,
-- V2; issue 11's bench).
--
-- A value was visible when its report was: a subquery on report, with report's own policy,
-- for every value read. A worklist page reads the values of its 50 reports, 75 to 150 of
-- them, and that check was about 0.35 ms of a 3 to 4 ms page. Values now carry their
-- report's lab and test, kept by the database, and their policies read those columns the
-- way the report's policies of migrations 0013 and 0021 read the report's own.
--
-- What a login sees does not change. The columns are always the report's: a trigger sets
-- them from the report whatever the writer sends, a foreign key to report (lab_id, id)
-- refuses another lab, and a report whose lab or test changes passes it to its values in
-- the same statement. A doctor who sees assigned orders still sees a value through its
-- report (the last branch below), as before.
--
-- On a large database the back-fill rewrites report_value once; run the migration when
-- the desks are closed.
ALTER TABLE report_value ADD COLUMN lab_id bigint, ADD COLUMN lab_test_id bigint;
-- The offline caches copy no column added here, so the back-fill is not news for them.
ALTER TABLE report_value DISABLE TRIGGER cache_feed_updated;
UPDATE report_value v SET lab_id = r.lab_id, lab_test_id = r.lab_test_id
FROM report r WHERE r.id = v.report_id;
ALTER TABLE report_value ENABLE TRIGGER cache_feed_updated;
ALTER TABLE report_value ALTER COLUMN lab_id SET NOT NULL,
    ALTER COLUMN lab_test_id SET NOT NULL,
    ADD FOREIGN KEY (lab_id, report_id) REFERENCES report (lab_id, id) ON UPDATE CASCADE;

CREATE FUNCTION report_value_takes_report_columns() RETURNS trigger
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
    SELECT r.lab_id, r.lab_test_id INTO NEW.lab_id, NEW.lab_test_id
    FROM report r WHERE r.id = NEW.report_id;
    IF NOT FOUND THEN
        RAISE foreign_key_violation USING
            MESSAGE = format('a value names report %s, which does not exist', NEW.report_id);
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER report_value_columns BEFORE INSERT OR UPDATE ON report_value
    FOR EACH ROW EXECUTE FUNCTION report_value_takes_report_columns();

CREATE FUNCTION report_passes_columns_to_values() RETURNS trigger
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
    UPDATE report_value SET lab_id = NEW.lab_id, lab_test_id = NEW.lab_test_id
    WHERE report_id = NEW.id;
    RETURN NULL;
END;
$$;
CREATE TRIGGER report_values_follow AFTER UPDATE OF lab_id, lab_test_id ON report
    FOR EACH ROW
    WHEN (OLD.lab_id IS DISTINCT FROM NEW.lab_id OR OLD.lab_test_id IS DISTINCT FROM NEW.lab_test_id)
    EXECUTE FUNCTION report_passes_columns_to_values();

-- The two shapes of the report's read policy (migrations 0013, 0021), for its values.
DROP POLICY visible ON report_value;
CREATE POLICY visible ON report_value FOR SELECT TO calloutdesk_scoped USING (
    lab_id = (SELECT desk_lab_id())
    AND ((SELECT desk_sees_whole_lab())
         OR lab_test_id = ANY ((SELECT desk_visible_test_ids())::bigint[])
         OR ((SELECT desk_assigned_doctor_id()) IS NOT NULL
             AND EXISTS (SELECT 1 FROM report r WHERE r.id = report_value.report_id))));
CREATE POLICY visible_whole_lab ON report_value FOR SELECT TO calloutdesk_whole_lab USING (
    lab_id = (SELECT CASE WHEN desk_sees_whole_lab() THEN desk_lab_id() END));
