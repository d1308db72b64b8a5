-- A department's worklist under row-level security (SPEC A2, V2; issue 11's bench).
--
-- Every policy occurrence that names the login's visible tests calls
-- desk_visible_test_ids() once per query: a department's first page calls it four times
-- and its counts as often. Migration 0007's version asked three department lists in one
-- statement, each joining desk_login by session_user again, and took about 60 µs a call
-- against 11 µs for desk_lab_id(). Reading the login's link once and then asking only the
-- list that link can have takes about 26 µs, with the same answer for every kind of login:
-- a disabled or unknown login sees no test, a doctor the tests of their departments when
-- they see departments (doc_type 0), a lab user those of their home department or of their
-- listed departments (department_data_type), a support user none by this route (the
-- whole-lab policies show them everything).
CREATE OR REPLACE FUNCTION desk_visible_test_ids() RETURNS bigint[]
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    lab bigint;
    linked_doctor bigint;
    linked_user bigint;
    departments bigint[];
BEGIN
    SELECT l.lab_id, l.doctor_id, l.lab_user_id INTO lab, linked_doctor, linked_user
    FROM desk_login l WHERE l.login = session_user AND NOT l.disabled;
    IF NOT FOUND THEN
        RETURN '{}';
    END IF;
    IF linked_doctor IS NOT NULL THEN
        departments := ARRAY(SELECT dd.department_id FROM doctor d
                             JOIN doctor_department dd ON dd.doctor_id = d.id
                             WHERE d.id = linked_doctor AND d.doc_type = 0);
    ELSE
        SELECT CASE WHEN u.is_support THEN '{}'::bigint[]
                    WHEN u.department_data_type = 0 THEN ARRAY[u.home_department_id]
                    ELSE ARRAY(SELECT ud.department_id FROM lab_user_department ud
                               WHERE ud.lab_user_id = u.id) END
        INTO departments FROM lab_user u WHERE u.id = linked_user;
    END IF;
    RETURN COALESCE((SELECT array_agg(t.id ORDER BY t.id) FROM lab_test t
                     WHERE t.lab_id = lab AND t.department_id = ANY (departments)), '{}');
END;
$$;
