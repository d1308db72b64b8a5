-- Access (SPEC A1–A4, V1, V2): who is at the desk is a PostgreSQL login, and the database
-- enforces what that login may see and write.
--
-- This migration runs under the administrator login, which owns the schema and so is
-- not bound by the policies below (tools such as migrate and demo). Desks sign in with a
-- person's own login, a member of the NOLOGIN group calloutdesk_desk, linked to one
-- lab_user or doctor row in desk_login. The group owns nothing, so a desk cannot ALTER a
-- table, switch a trigger off or turn row security off; it has only the grants below.

-- Roles are cluster-wide: a second database on the same server finds the group there.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'calloutdesk_desk') THEN
        CREATE ROLE calloutdesk_desk NOLOGIN;
    END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
    NULL; -- another database's migration made it at the same moment
END;
$$;

-- A1: a person's login and the one person it is.
CREATE TABLE desk_login (
    login       text PRIMARY KEY CHECK (login ~ '^[a-z_][a-z0-9_.@-]{0,62}$'),
    lab_id      bigint NOT NULL REFERENCES lab (id),
    lab_user_id bigint,
    doctor_id   bigint,
    disabled    boolean NOT NULL DEFAULT false,
    created_on  timestamptz NOT NULL DEFAULT now(),
    CHECK ((lab_user_id IS NULL) <> (doctor_id IS NULL)),
    FOREIGN KEY (lab_id, lab_user_id) REFERENCES lab_user (lab_id, id),
    FOREIGN KEY (lab_id, doctor_id) REFERENCES doctor (lab_id, id)
);

-- A4: a signature (sign or approve) names who, when and what it means. Append-only for
-- desks: they may insert, never change or delete.
CREATE TABLE report_signature (
    id          bigserial PRIMARY KEY,
    lab_id      bigint NOT NULL,
    report_id   bigint NOT NULL,
    meaning     text NOT NULL CHECK (meaning IN ('signed', 'approved')),
    login       text NOT NULL DEFAULT session_user,
    lab_user_id bigint REFERENCES lab_user (id),
    doctor_id   bigint REFERENCES doctor (id),
    signed_at   timestamptz NOT NULL DEFAULT now(),
    CHECK ((lab_user_id IS NULL) <> (doctor_id IS NULL)),
    FOREIGN KEY (lab_id, report_id) REFERENCES report (lab_id, id)
);
CREATE INDEX report_signature_report_idx ON report_signature (report_id);

-- A5: the lab's idle time before a desk locks itself.
ALTER TABLE lab ADD COLUMN idle_lock_minutes integer NOT NULL DEFAULT 10
    CHECK (idle_lock_minutes BETWEEN 1 AND 480);

-- The patient policy looks for the patient's orders.
CREATE INDEX bill_patient_idx ON bill (patient_id);
-- The report policy reads the report's test and order: carried in the worklist index, the
-- tab counts stay index-only scans with the policy on.
DROP INDEX report_worklist_idx;
CREATE INDEX report_worklist_idx
    ON report (lab_id, critical_values, (COALESCE(result_on, last_updated)) DESC, id DESC)
    INCLUDE (lab_test_id, bill_id)
    WHERE NOT dismissed AND sample_collected;

-- The login's facts, for the policies. SECURITY DEFINER so they read desk_login and the
-- person's links whatever the policies let the login see; STABLE and wrapped as
-- (SELECT f()) in the policies, so a query computes each once, not once per row.
CREATE FUNCTION desk_lab_id() RETURNS bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT lab_id FROM desk_login WHERE login = session_user AND NOT disabled
$$;

CREATE FUNCTION desk_sees_whole_lab() RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT COALESCE((SELECT u.is_support FROM desk_login l JOIN lab_user u ON u.id = l.lab_user_id
                     WHERE l.login = session_user AND NOT l.disabled), false)
$$;

-- V2 by department: the tests of the departments a doctor (doc_type 0) is linked to, a
-- lab user's home department (type 0) or linked departments (type 1).
CREATE FUNCTION desk_visible_test_ids() RETURNS bigint[]
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT COALESCE(array_agg(t.id ORDER BY t.id), '{}')
    FROM lab_test t
    WHERE t.lab_id = (SELECT lab_id FROM desk_login WHERE login = session_user AND NOT disabled)
      AND t.department_id IN (
        SELECT dd.department_id FROM desk_login l JOIN doctor d ON d.id = l.doctor_id
        JOIN doctor_department dd ON dd.doctor_id = d.id
        WHERE l.login = session_user AND d.doc_type = 0
        UNION ALL
        SELECT u.home_department_id FROM desk_login l JOIN lab_user u ON u.id = l.lab_user_id
        WHERE l.login = session_user AND NOT u.is_support AND u.department_data_type = 0
        UNION ALL
        SELECT ud.department_id FROM desk_login l JOIN lab_user u ON u.id = l.lab_user_id
        JOIN lab_user_department ud ON ud.lab_user_id = u.id
        WHERE l.login = session_user AND NOT u.is_support AND u.department_data_type = 1)
$$;

-- V2 by assignment: a doctor of doc_type 2 sees the orders assigned to them. Asked per
-- row only for such doctors (see the report policy).
CREATE FUNCTION desk_assigned_doctor_id() RETURNS bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT d.id FROM desk_login l JOIN doctor d ON d.id = l.doctor_id
    WHERE l.login = session_user AND NOT l.disabled AND d.doc_type = 2
$$;

-- A definer function, because the bill policy itself looks at reports.
CREATE FUNCTION desk_bill_assigned_to(checked_bill bigint, checked_doctor bigint) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT EXISTS (SELECT 1 FROM bill WHERE id = checked_bill
                                         AND assigned_doctor_id = checked_doctor)
$$;

-- An order, or a patient, is visible with any report of it the login may see (V2). Asked
-- with the login's facts computed once per query; as definer functions they read the
-- reports directly instead of through the report policy, which lets the planner keep its
-- estimates for the worklist's joins (a policy EXISTS over reports made it sort whole tabs).
CREATE FUNCTION desk_sees_order(checked_bill bigint, tests bigint[], doctor bigint) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT EXISTS (SELECT 1 FROM report r
                   WHERE r.bill_id = checked_bill AND r.lab_test_id = ANY (tests))
        OR (doctor IS NOT NULL
            AND EXISTS (SELECT 1 FROM bill b
                        WHERE b.id = checked_bill AND b.assigned_doctor_id = doctor))
$$;
CREATE FUNCTION desk_sees_patient(checked_patient bigint, tests bigint[], doctor bigint)
RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT EXISTS (SELECT 1 FROM bill b JOIN report r ON r.bill_id = b.id
                   WHERE b.patient_id = checked_patient AND r.lab_test_id = ANY (tests))
        OR (doctor IS NOT NULL
            AND EXISTS (SELECT 1 FROM bill b
                        WHERE b.patient_id = checked_patient AND b.assigned_doctor_id = doctor))
$$;

REVOKE EXECUTE ON FUNCTION desk_lab_id(), desk_sees_whole_lab(), desk_visible_test_ids(),
    desk_assigned_doctor_id(), desk_bill_assigned_to(bigint, bigint),
    desk_sees_order(bigint, bigint[], bigint), desk_sees_patient(bigint, bigint[], bigint)
    FROM PUBLIC;
GRANT EXECUTE ON FUNCTION desk_lab_id(), desk_sees_whole_lab(), desk_visible_test_ids(),
    desk_assigned_doctor_id(), desk_bill_assigned_to(bigint, bigint),
    desk_sees_order(bigint, bigint[], bigint), desk_sees_patient(bigint, bigint[], bigint)
    TO calloutdesk_desk;

-- A2: nobody writes in another's name. A desk login's rows carry the login's person,
-- whatever the client sent; a different person named by the client is refused rather
-- than silently replaced. Rows written by the administrator's tools (no desk_login row)
-- are left as they come.
CREATE FUNCTION desk_stamp_actor() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    signed_in desk_login;
    person_name text;
BEGIN
    SELECT * INTO signed_in FROM desk_login WHERE login = session_user;
    IF NOT FOUND THEN
        RETURN NEW;
    END IF;
    IF signed_in.disabled THEN
        RAISE EXCEPTION 'the login % is disabled', session_user
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF TG_TABLE_NAME = 'critical_callout' THEN
        IF (NEW.performed_by_user_id IS NOT NULL
                AND NEW.performed_by_user_id IS DISTINCT FROM signed_in.lab_user_id)
           OR (NEW.performed_by_doctor_id IS NOT NULL
                AND NEW.performed_by_doctor_id IS DISTINCT FROM signed_in.doctor_id) THEN
            RAISE EXCEPTION 'the login % cannot record a callout in another person''s name',
                session_user USING ERRCODE = 'insufficient_privilege';
        END IF;
        NEW.performed_by_user_id := signed_in.lab_user_id;
        NEW.performed_by_doctor_id := signed_in.doctor_id;
    ELSIF TG_TABLE_NAME = 'activity_log' THEN
        IF (NEW.lab_user_id IS NOT NULL AND NEW.lab_user_id IS DISTINCT FROM signed_in.lab_user_id)
           OR (NEW.performed_by_doctor_id IS NOT NULL
                AND NEW.performed_by_doctor_id IS DISTINCT FROM signed_in.doctor_id) THEN
            RAISE EXCEPTION 'the login % cannot write the activity log in another person''s name',
                session_user USING ERRCODE = 'insufficient_privilege';
        END IF;
        NEW.lab_user_id := signed_in.lab_user_id;
        NEW.performed_by_doctor_id := signed_in.doctor_id;
        SELECT name INTO person_name FROM lab_user WHERE id = signed_in.lab_user_id;
        IF person_name IS NULL THEN
            SELECT name INTO person_name FROM doctor WHERE id = signed_in.doctor_id;
        END IF;
        NEW.lab_user_name := person_name;
    ELSIF TG_TABLE_NAME = 'report_signature' THEN
        IF (NEW.lab_user_id IS NOT NULL AND NEW.lab_user_id IS DISTINCT FROM signed_in.lab_user_id)
           OR (NEW.doctor_id IS NOT NULL AND NEW.doctor_id IS DISTINCT FROM signed_in.doctor_id) THEN
            RAISE EXCEPTION 'the login % cannot sign in another person''s name', session_user
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        NEW.login := session_user;
        NEW.lab_user_id := signed_in.lab_user_id;
        NEW.doctor_id := signed_in.doctor_id;
        NEW.signed_at := now();
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER critical_callout_actor BEFORE INSERT ON critical_callout
    FOR EACH ROW EXECUTE FUNCTION desk_stamp_actor();
CREATE TRIGGER activity_log_actor BEFORE INSERT ON activity_log
    FOR EACH ROW EXECUTE FUNCTION desk_stamp_actor();
CREATE TRIGGER report_signature_actor BEFORE INSERT ON report_signature
    FOR EACH ROW EXECUTE FUNCTION desk_stamp_actor();

-- A3: with always_notify on, a complete report in a callout status is not signed or
-- approved before a callout names it (C8), whoever writes it. SECURITY DEFINER: the
-- callout may be another department's, which the writer does not see.
CREATE FUNCTION report_signoff_needs_callout() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF ((NEW.is_signed AND NOT OLD.is_signed) OR (NEW.is_approved AND NOT OLD.is_approved))
       AND NEW.completed AND NEW.critical_values IN (1, 2, 4)
       AND EXISTS (SELECT 1 FROM notification_setting s
                   WHERE s.lab_id = NEW.lab_id AND s.setting_key = 'always_notify' AND s.enabled)
       AND NOT EXISTS (SELECT 1 FROM activity_log_report l
                       JOIN activity_log a ON a.id = l.activity_log_id
                       WHERE l.lab_report_id = NEW.id AND a.log_category_id = 648) THEN
        RAISE EXCEPTION 'report % has a critical result and its lab calls out every one: save a callout before it is signed or approved', NEW.id
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER report_signoff_needs_callout BEFORE UPDATE OF is_signed, is_approved ON report
    FOR EACH ROW EXECUTE FUNCTION report_signoff_needs_callout();

-- C11 is about the whole order, including reports of departments the writer does not
-- see: its checks read as the owner.
ALTER FUNCTION attempted_reports_have_draft(bigint) SECURITY DEFINER SET search_path = public, pg_temp;
ALTER FUNCTION report_attempted_has_draft() SECURITY DEFINER SET search_path = public, pg_temp;
ALTER FUNCTION draft_names_attempted_reports() SECURITY DEFINER SET search_path = public, pg_temp;

-- C2, C11: a callout replaces the order's one draft, so every other Attempted report of
-- the order goes back to Pending, those of departments the caller cannot see included.
-- That is the only change to another department's reports a desk can make, and only on
-- an order of its own lab.
CREATE FUNCTION desk_reset_attempted_reports(checked_bill bigint, kept bigint[]) RETURNS integer
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    changed integer;
BEGIN
    IF EXISTS (SELECT 1 FROM desk_login WHERE login = session_user)
       AND NOT EXISTS (SELECT 1 FROM bill b WHERE b.id = checked_bill
                                              AND b.lab_id = desk_lab_id()) THEN
        RAISE EXCEPTION 'order % is not an order of your lab', checked_bill
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    UPDATE report SET critical_values = 1, last_updated = now()
    WHERE bill_id = checked_bill AND critical_values = 4 AND NOT (id = ANY (kept));
    GET DIAGNOSTICS changed = ROW_COUNT;
    RETURN changed;
END;
$$;
REVOKE EXECUTE ON FUNCTION desk_reset_attempted_reports(bigint, bigint[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION desk_reset_attempted_reports(bigint, bigint[]) TO calloutdesk_desk;

-- What a desk may do at all (A2). Row security below narrows it to rows.
DO $$
BEGIN
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO calloutdesk_desk', current_database());
END;
$$;
GRANT USAGE ON SCHEMA public TO calloutdesk_desk;
GRANT SELECT ON lab, department, doctor, doctor_department, lab_user, lab_user_department,
    organisation, referral_doctor, patient, bill, lab_test, report_format, value_range, report,
    report_value, critical_callout, activity_log, activity_log_report, notification_setting,
    index_outbox, notification_outbox, schema_version, desk_login, report_signature
    TO calloutdesk_desk;
GRANT INSERT ON critical_callout, activity_log, activity_log_report, index_outbox,
    notification_outbox, report_signature TO calloutdesk_desk;
-- Only drafts: the append-only trigger and the policy refuse completed rows.
GRANT DELETE ON critical_callout TO calloutdesk_desk;
GRANT UPDATE (critical_values, last_updated, is_signed, is_approved) ON report TO calloutdesk_desk;
GRANT UPDATE (state, attempts, next_attempt_at, last_error, claimed_by, claimed_until, done_on)
    ON index_outbox TO calloutdesk_desk;
GRANT UPDATE (state, attempts, next_attempt_at, last_error, claimed_by, claimed_until, sent_on)
    ON notification_outbox TO calloutdesk_desk;
GRANT USAGE ON SEQUENCE critical_callout_id_seq, activity_log_id_seq, index_outbox_id_seq,
    notification_outbox_id_seq, report_signature_id_seq TO calloutdesk_desk;

-- Row-level security (A2, V1, V2). A login sees its own lab; reports by V2; an order,
-- its patient, values and callouts when it sees a report of the order; support logins
-- the whole lab.
ALTER TABLE lab ENABLE ROW LEVEL SECURITY;
ALTER TABLE department ENABLE ROW LEVEL SECURITY;
ALTER TABLE doctor ENABLE ROW LEVEL SECURITY;
ALTER TABLE doctor_department ENABLE ROW LEVEL SECURITY;
ALTER TABLE lab_user ENABLE ROW LEVEL SECURITY;
ALTER TABLE lab_user_department ENABLE ROW LEVEL SECURITY;
ALTER TABLE organisation ENABLE ROW LEVEL SECURITY;
ALTER TABLE referral_doctor ENABLE ROW LEVEL SECURITY;
ALTER TABLE patient ENABLE ROW LEVEL SECURITY;
ALTER TABLE bill ENABLE ROW LEVEL SECURITY;
ALTER TABLE lab_test ENABLE ROW LEVEL SECURITY;
ALTER TABLE report_format ENABLE ROW LEVEL SECURITY;
ALTER TABLE value_range ENABLE ROW LEVEL SECURITY;
ALTER TABLE report ENABLE ROW LEVEL SECURITY;
ALTER TABLE report_value ENABLE ROW LEVEL SECURITY;
ALTER TABLE critical_callout ENABLE ROW LEVEL SECURITY;
ALTER TABLE activity_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE activity_log_report ENABLE ROW LEVEL SECURITY;
ALTER TABLE notification_setting ENABLE ROW LEVEL SECURITY;
ALTER TABLE index_outbox ENABLE ROW LEVEL SECURITY;
ALTER TABLE notification_outbox ENABLE ROW LEVEL SECURITY;
ALTER TABLE desk_login ENABLE ROW LEVEL SECURITY;
ALTER TABLE report_signature ENABLE ROW LEVEL SECURITY;

CREATE POLICY own_lab ON lab FOR SELECT TO calloutdesk_desk USING (id = (SELECT desk_lab_id()));
CREATE POLICY own_lab ON department FOR SELECT TO calloutdesk_desk
    USING (lab_id = (SELECT desk_lab_id()));
CREATE POLICY own_lab ON doctor FOR SELECT TO calloutdesk_desk
    USING (lab_id = (SELECT desk_lab_id()));
CREATE POLICY own_lab ON doctor_department FOR SELECT TO calloutdesk_desk
    USING (lab_id = (SELECT desk_lab_id()));
CREATE POLICY own_lab ON lab_user FOR SELECT TO calloutdesk_desk
    USING (lab_id = (SELECT desk_lab_id()));
CREATE POLICY own_lab ON lab_user_department FOR SELECT TO calloutdesk_desk
    USING (lab_id = (SELECT desk_lab_id()));
CREATE POLICY own_lab ON organisation FOR SELECT TO calloutdesk_desk
    USING (lab_id = (SELECT desk_lab_id()));
CREATE POLICY own_lab ON referral_doctor FOR SELECT TO calloutdesk_desk
    USING (lab_id = (SELECT desk_lab_id()));
CREATE POLICY own_lab ON lab_test FOR SELECT TO calloutdesk_desk
    USING (lab_id = (SELECT desk_lab_id()));
CREATE POLICY own_lab ON notification_setting FOR SELECT TO calloutdesk_desk
    USING (lab_id = (SELECT desk_lab_id()));
CREATE POLICY own_lab ON report_format FOR SELECT TO calloutdesk_desk
    USING (EXISTS (SELECT 1 FROM lab_test t WHERE t.id = report_format.lab_test_id));
CREATE POLICY own_lab ON value_range FOR SELECT TO calloutdesk_desk
    USING (EXISTS (SELECT 1 FROM report_format f WHERE f.id = value_range.report_format_id));
CREATE POLICY own_login ON desk_login FOR SELECT TO calloutdesk_desk
    USING (login = session_user);
-- The outboxes: every desk of the lab queues into them and sees their state, but only a
-- login that sees the whole lab (support) claims and sends: a department's login would
-- build an index document or a message from only the reports it may see, and mark the
-- row done (E4, N3). Such a desk's workers find nothing to claim.
CREATE POLICY own_lab ON index_outbox FOR SELECT TO calloutdesk_desk
    USING (lab_id = (SELECT desk_lab_id()));
CREATE POLICY queued ON index_outbox FOR INSERT TO calloutdesk_desk
    WITH CHECK (lab_id = (SELECT desk_lab_id()));
CREATE POLICY sent ON index_outbox FOR UPDATE TO calloutdesk_desk
    USING (lab_id = (SELECT desk_lab_id()) AND (SELECT desk_sees_whole_lab()))
    WITH CHECK (lab_id = (SELECT desk_lab_id()));
CREATE POLICY own_lab ON notification_outbox FOR SELECT TO calloutdesk_desk
    USING (lab_id = (SELECT desk_lab_id()));
CREATE POLICY queued ON notification_outbox FOR INSERT TO calloutdesk_desk
    WITH CHECK (lab_id = (SELECT desk_lab_id()));
CREATE POLICY sent ON notification_outbox FOR UPDATE TO calloutdesk_desk
    USING (lab_id = (SELECT desk_lab_id()) AND (SELECT desk_sees_whole_lab()))
    WITH CHECK (lab_id = (SELECT desk_lab_id()));

-- V2 for reports. The checks that need no row are computed once per query.
CREATE POLICY visible ON report FOR SELECT TO calloutdesk_desk USING (
    lab_id = (SELECT desk_lab_id())
    AND ((SELECT desk_sees_whole_lab())
         OR lab_test_id = ANY ((SELECT desk_visible_test_ids())::bigint[])
         OR ((SELECT desk_assigned_doctor_id()) IS NOT NULL
             AND desk_bill_assigned_to(bill_id, (SELECT desk_assigned_doctor_id())))));
CREATE POLICY changed ON report FOR UPDATE TO calloutdesk_desk USING (
    lab_id = (SELECT desk_lab_id())
    AND ((SELECT desk_sees_whole_lab())
         OR lab_test_id = ANY ((SELECT desk_visible_test_ids())::bigint[])
         OR ((SELECT desk_assigned_doctor_id()) IS NOT NULL
             AND desk_bill_assigned_to(bill_id, (SELECT desk_assigned_doctor_id())))))
    WITH CHECK (lab_id = (SELECT desk_lab_id()));
CREATE POLICY visible ON report_value FOR SELECT TO calloutdesk_desk
    USING (EXISTS (SELECT 1 FROM report r WHERE r.id = report_value.report_id));
CREATE POLICY visible ON bill FOR SELECT TO calloutdesk_desk USING (
    lab_id = (SELECT desk_lab_id())
    AND ((SELECT desk_sees_whole_lab())
         OR desk_sees_order(id, (SELECT desk_visible_test_ids())::bigint[],
                            (SELECT desk_assigned_doctor_id()))));
CREATE POLICY visible ON patient FOR SELECT TO calloutdesk_desk USING (
    lab_id = (SELECT desk_lab_id())
    AND ((SELECT desk_sees_whole_lab())
         OR desk_sees_patient(id, (SELECT desk_visible_test_ids())::bigint[],
                              (SELECT desk_assigned_doctor_id()))));

-- Callouts: a report's rows with the report, an order's draft with the order.
CREATE POLICY visible ON critical_callout FOR SELECT TO calloutdesk_desk USING (
    lab_id = (SELECT desk_lab_id())
    AND ((SELECT desk_sees_whole_lab())
         OR (lab_report_id IS NOT NULL
             AND EXISTS (SELECT 1 FROM report r WHERE r.id = critical_callout.lab_report_id))
         OR (lab_report_id IS NULL
             AND EXISTS (SELECT 1 FROM bill b WHERE b.id = critical_callout.bill_id))));
CREATE POLICY recorded ON critical_callout FOR INSERT TO calloutdesk_desk WITH CHECK (
    lab_id = (SELECT desk_lab_id())
    AND EXISTS (SELECT 1 FROM bill b WHERE b.id = critical_callout.bill_id));
CREATE POLICY replaced_draft ON critical_callout FOR DELETE TO calloutdesk_desk USING (
    is_draft AND lab_id = (SELECT desk_lab_id())
    AND EXISTS (SELECT 1 FROM bill b WHERE b.id = critical_callout.bill_id));

CREATE POLICY visible ON activity_log_report FOR SELECT TO calloutdesk_desk USING (
    lab_id = (SELECT desk_lab_id())
    AND ((SELECT desk_sees_whole_lab())
         OR EXISTS (SELECT 1 FROM report r WHERE r.id = activity_log_report.lab_report_id)));
CREATE POLICY recorded ON activity_log_report FOR INSERT TO calloutdesk_desk WITH CHECK (
    lab_id = (SELECT desk_lab_id())
    AND EXISTS (SELECT 1 FROM report r WHERE r.id = activity_log_report.lab_report_id));
CREATE POLICY visible ON activity_log FOR SELECT TO calloutdesk_desk USING (
    lab_id = (SELECT desk_lab_id())
    AND ((SELECT desk_sees_whole_lab())
         OR (lab_report_id IS NOT NULL
             AND EXISTS (SELECT 1 FROM report r WHERE r.id = activity_log.lab_report_id))
         OR EXISTS (SELECT 1 FROM activity_log_report l
                    WHERE l.activity_log_id = activity_log.id)));
CREATE POLICY recorded ON activity_log FOR INSERT TO calloutdesk_desk
    WITH CHECK (lab_id = (SELECT desk_lab_id()));

CREATE POLICY visible ON report_signature FOR SELECT TO calloutdesk_desk USING (
    lab_id = (SELECT desk_lab_id())
    AND ((SELECT desk_sees_whole_lab())
         OR EXISTS (SELECT 1 FROM report r WHERE r.id = report_signature.report_id)));
CREATE POLICY recorded ON report_signature FOR INSERT TO calloutdesk_desk WITH CHECK (
    lab_id = (SELECT desk_lab_id())
    AND EXISTS (SELECT 1 FROM report r WHERE r.id = report_signature.report_id));
