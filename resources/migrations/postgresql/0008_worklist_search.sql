-- The worklist's search (SPEC U7) by order number or patient name, on PostgreSQL without
-- reading every report of the tab.
--
-- An order carries its search text: its number and its patient's name, folded as the
-- search folds (SqlDialect::folded), kept by triggers. A trigram index on it (pg_trgm,
-- shipped with PostgreSQL and trusted, so the database's owner may create it) finds the
-- orders whose number starts with the text ("x%") or with a word of the patient's name
-- that does ("% x%") in one index scan; going from matching patients to their orders
-- instead cost an index probe per patient, a tenth of a second for a common surname.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

ALTER TABLE bill ADD COLUMN search_text text NOT NULL DEFAULT '';
UPDATE bill b SET search_text = lower(b.lab_bill_id || ' ' || p.name)
FROM patient p WHERE p.id = b.patient_id;
CREATE INDEX bill_search_idx ON bill USING gin (search_text gin_trgm_ops);

CREATE FUNCTION bill_search_text() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    NEW.search_text := lower(NEW.lab_bill_id || ' '
                             || COALESCE((SELECT name FROM patient WHERE id = NEW.patient_id), ''));
    RETURN NEW;
END;
$$;
CREATE TRIGGER bill_search_text BEFORE INSERT OR UPDATE OF lab_bill_id, patient_id, search_text
    ON bill FOR EACH ROW EXECUTE FUNCTION bill_search_text();

CREATE FUNCTION patient_renamed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    UPDATE bill SET search_text = lower(lab_bill_id || ' ' || NEW.name)
    WHERE patient_id = NEW.id;
    RETURN NULL;
END;
$$;
CREATE TRIGGER patient_renamed AFTER UPDATE OF name ON patient
    FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name)
    EXECUTE FUNCTION patient_renamed();

-- Under row-level security PostgreSQL applies a query's own conditions only after the
-- policies, unless their operators are leakproof, and LIKE is not: a desk login's search
-- could not use the index above and would read every order of the lab. So a desk asks
-- this function, which runs as the owner and applies the order policy's own rule
-- (migration 0007) itself, for the ids of the orders it may see that match. `search` is
-- a LIKE pattern without wildcards (the caller escapes %, _ and \); the function adds them.
CREATE FUNCTION desk_orders_matching(search text) RETURNS SETOF bigint
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp ROWS 5000 AS $$
DECLARE
    lab bigint := desk_lab_id();
    whole_lab boolean := desk_sees_whole_lab();
    tests bigint[] := desk_visible_test_ids();
    doctor bigint := desk_assigned_doctor_id();
    folded text := lower(search);
BEGIN
    RETURN QUERY
        SELECT b.id FROM bill b
        WHERE (b.search_text LIKE folded || '%' OR b.search_text LIKE '% ' || folded || '%')
          AND b.lab_id = lab
          AND (whole_lab OR b.report_test_ids && tests OR b.assigned_doctor_id = doctor);
END;
$$;
REVOKE EXECUTE ON FUNCTION desk_orders_matching(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION desk_orders_matching(text) TO calloutdesk_desk;
