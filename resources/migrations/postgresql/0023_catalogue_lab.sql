-- The worklist's values under row-level security without planning the catalogue's policies
-- as subqueries (SPEC A2; issue 11's bench).
--
-- A report format was visible through its test, and a value range through its format:
-- each policy was an EXISTS over the parent, whose own policy is another subquery. The
-- worklist page reads both for every row's values, and planning those nested subqueries
-- was about 0.25 ms of the 0.37 ms the policies add to planning a page (support, 0.8 ms
-- without policies); each range row also ran a subquery of its own. Both tables now carry
-- the lab of their test, kept by the database, and their policies test that column as the
-- other tables of the lab do.
--
-- What a login sees does not change: the column is always the test's lab (the trigger
-- below fills it, and a foreign key to the parent's (lab_id, id) refuses any other), and a
-- test was visible exactly when its lab was the login's.
ALTER TABLE report_format ADD COLUMN lab_id bigint;
UPDATE report_format f SET lab_id = t.lab_id FROM lab_test t WHERE t.id = f.lab_test_id;
ALTER TABLE report_format ALTER COLUMN lab_id SET NOT NULL,
    ADD UNIQUE (lab_id, id),
    ADD FOREIGN KEY (lab_id, lab_test_id) REFERENCES lab_test (lab_id, id) ON UPDATE CASCADE;

ALTER TABLE value_range ADD COLUMN lab_id bigint;
UPDATE value_range v SET lab_id = f.lab_id FROM report_format f WHERE f.id = v.report_format_id;
ALTER TABLE value_range ALTER COLUMN lab_id SET NOT NULL,
    ADD FOREIGN KEY (lab_id, report_format_id) REFERENCES report_format (lab_id, id)
        ON UPDATE CASCADE;

-- The lab is the parent's, whatever the writer sends: catalogue writers (the demo, a
-- catalogue import, the tests) name the test or the format, as before.
CREATE FUNCTION report_format_takes_lab_of_test() RETURNS trigger
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
    SELECT t.lab_id INTO NEW.lab_id FROM lab_test t WHERE t.id = NEW.lab_test_id;
    IF NOT FOUND THEN
        RAISE foreign_key_violation USING
            MESSAGE = format('report format %s names test %s, which does not exist',
                             NEW.parameter_name, NEW.lab_test_id);
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER report_format_lab BEFORE INSERT OR UPDATE OF lab_test_id ON report_format
    FOR EACH ROW EXECUTE FUNCTION report_format_takes_lab_of_test();

CREATE FUNCTION value_range_takes_lab_of_format() RETURNS trigger
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
    SELECT f.lab_id INTO NEW.lab_id FROM report_format f WHERE f.id = NEW.report_format_id;
    IF NOT FOUND THEN
        RAISE foreign_key_violation USING
            MESSAGE = format('value range names report format %s, which does not exist',
                             NEW.report_format_id);
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER value_range_lab BEFORE INSERT OR UPDATE OF report_format_id ON value_range
    FOR EACH ROW EXECUTE FUNCTION value_range_takes_lab_of_format();

ALTER POLICY own_lab ON report_format USING (lab_id = (SELECT desk_lab_id()));
ALTER POLICY own_lab ON value_range USING (lab_id = (SELECT desk_lab_id()));
