-- A support login's worklist counts as fast as before row-level security (SPEC A2, V2).
--
-- The report policy names the report's test and order (a department's login sees the
-- reports of its tests, an assigned doctor those of their orders), so the worklist index
-- carries both columns (migration 0006) and every query under the policy reads them. For
-- a login that sees its whole lab that costs a quarter more than counting a narrow index:
-- the planner cannot use an index without those columns while the policy names them.
--
-- So the report's read policy comes in two shapes, each for a group of desk logins:
-- calloutdesk_scoped (department users and doctors) keeps the policy of 0006;
-- calloutdesk_whole_lab (support) gets one that names only the lab, and with it the narrow
-- index below. Which group a login is in follows its link (triggers below), and neither
-- shape shows more than 0006 did: the whole-lab policy still asks desk_sees_whole_lab(),
-- and a login in neither group sees no report at all. The groups choose a plan, not what
-- is visible.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'calloutdesk_scoped') THEN
        CREATE ROLE calloutdesk_scoped NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'calloutdesk_whole_lab') THEN
        CREATE ROLE calloutdesk_whole_lab NOLOGIN;
    END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
    NULL; -- another database's migration made them at the same moment
END;
$$;

DROP POLICY visible ON report;
CREATE POLICY visible ON report FOR SELECT TO calloutdesk_scoped USING (
    lab_id = (SELECT desk_lab_id())
    AND ((SELECT desk_sees_whole_lab())
         OR lab_test_id = ANY ((SELECT desk_visible_test_ids())::bigint[])
         OR ((SELECT desk_assigned_doctor_id()) IS NOT NULL
             AND desk_bill_assigned_to(bill_id, (SELECT desk_assigned_doctor_id())))));
CREATE POLICY visible_whole_lab ON report FOR SELECT TO calloutdesk_whole_lab USING (
    lab_id = (SELECT desk_lab_id()) AND (SELECT desk_sees_whole_lab()));

-- The worklist index of migration 0003, without the columns the scoped policy reads.
CREATE INDEX report_lab_worklist_idx
    ON report (lab_id, critical_values, (COALESCE(result_on, last_updated)) DESC, id DESC)
    WHERE NOT dismissed AND sample_collected;

-- Puts a login in the group its link calls for. Runs as whoever changes a link or a lab
-- user: the administrator (CREATEROLE), as calloutctl user does; desks change neither.
CREATE FUNCTION desk_login_join_policy_group(target text) RETURNS void
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
    whole_lab boolean;
    wanted text;
    unwanted text;
BEGIN
    SELECT COALESCE(u.is_support, false) INTO whole_lab
    FROM desk_login l LEFT JOIN lab_user u ON u.id = l.lab_user_id
    WHERE l.login = target;
    IF NOT FOUND OR NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = target) THEN
        RETURN;
    END IF;
    wanted := CASE WHEN whole_lab THEN 'calloutdesk_whole_lab' ELSE 'calloutdesk_scoped' END;
    unwanted := CASE WHEN whole_lab THEN 'calloutdesk_scoped' ELSE 'calloutdesk_whole_lab' END;
    IF EXISTS (SELECT 1 FROM pg_auth_members m
               WHERE m.roleid = unwanted::regrole AND m.member = target::regrole) THEN
        EXECUTE format('REVOKE %I FROM %I', unwanted, target);
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_auth_members m
                   WHERE m.roleid = wanted::regrole AND m.member = target::regrole) THEN
        EXECUTE format('GRANT %I TO %I', wanted, target);
    END IF;
END;
$$;
REVOKE EXECUTE ON FUNCTION desk_login_join_policy_group(text) FROM PUBLIC;

CREATE FUNCTION desk_login_linked() RETURNS trigger
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
    PERFORM desk_login_join_policy_group(NEW.login);
    RETURN NULL;
END;
$$;
CREATE TRIGGER desk_login_linked AFTER INSERT OR UPDATE OF lab_user_id, doctor_id ON desk_login
    FOR EACH ROW EXECUTE FUNCTION desk_login_linked();

CREATE FUNCTION lab_user_support_changed() RETURNS trigger
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
    PERFORM desk_login_join_policy_group(l.login) FROM desk_login l WHERE l.lab_user_id = NEW.id;
    RETURN NULL;
END;
$$;
CREATE TRIGGER lab_user_support_changed AFTER UPDATE OF is_support ON lab_user
    FOR EACH ROW WHEN (OLD.is_support IS DISTINCT FROM NEW.is_support)
    EXECUTE FUNCTION lab_user_support_changed();

SELECT desk_login_join_policy_group(login) FROM desk_login;
