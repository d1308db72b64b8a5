-- A department's worklist page under row-level security (SPEC A2, V2; issue 11's bench),
-- and the search that finds a common surname.
--
-- The scoped policies of the report, the patient and the value asked for assigned orders as
--     (SELECT desk_assigned_doctor_id()) IS NOT NULL AND <check>(…, (SELECT desk_assigned_doctor_id()))
-- Every (SELECT helper()) of a policy is a subquery that PostgreSQL plans and sets up in
-- each query reading the table, whether a row needs it or not. The value's check was a
-- subquery of the report, which brought the report's whole policy with it, five more. A
-- department's first page held 29 of them.
--
-- The checks are STRICT now. Without a doctor (every login that is not a doctor of
-- assigned orders) they are not called at all and give NULL, which a policy takes as
-- false, so the guard goes. The value's check is a function like the order's and the
-- patient's: a value is visible through this branch when its report's order is assigned to
-- the doctor, which is what the subquery of the report came to, since the value's lab is
-- its report's (0024). The page now holds 22. What a login sees does not change.
--
-- The search for a common surname (desk_orders_matching, 0014) probed the reports of each
-- matching order through a Memoize node: for "silva" on the demo, 9,474 probes, not one hit
-- (an order has each word once), and 681 kB of cache built and freed per call. glibc gives
-- such memory back to the system and faults it in again at the next call, so the search's
-- time moved with whatever the statements around it had allocated: with the policies
-- above, the same search took 23 ms instead of 17. Without Memoize it makes the same probes.
--
-- On the demo of a million reports, against the same database with row security switched
-- off (medians of interleaved rounds): a department's first Pending page +22 % before and
-- +14 % after (16 rounds), +17 % and +16 % (12 rounds), +19 % and +12 % with glibc's
-- trimming switched off in the server (12 rounds); its search for a name that matches
-- nothing +16 to +22 % before, +7 to +14 % after. Support's policies are not these.
ALTER FUNCTION desk_bill_assigned_to(bigint, bigint) STRICT;
ALTER FUNCTION desk_patient_assigned_to(bigint, bigint) STRICT;

CREATE FUNCTION desk_report_assigned_to(checked_report bigint, checked_doctor bigint)
RETURNS boolean
LANGUAGE plpgsql STABLE STRICT SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    RETURN EXISTS (SELECT 1 FROM report r JOIN bill b ON b.id = r.bill_id
                   WHERE r.id = checked_report AND b.assigned_doctor_id = checked_doctor);
END;
$$;
REVOKE EXECUTE ON FUNCTION desk_report_assigned_to(bigint, bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION desk_report_assigned_to(bigint, bigint) TO calloutdesk_desk;

ALTER POLICY visible ON report USING (
    lab_id = (SELECT desk_lab_id())
    AND (lab_test_id = ANY ((SELECT desk_visible_test_ids())::bigint[])
         OR desk_bill_assigned_to(bill_id, (SELECT desk_assigned_doctor_id()))
         OR (SELECT desk_sees_whole_lab())));
ALTER POLICY visible ON patient USING (
    lab_id = (SELECT desk_lab_id())
    AND (report_test_ids && (SELECT desk_visible_test_ids())
         OR desk_patient_assigned_to(id, (SELECT desk_assigned_doctor_id()))
         OR (SELECT desk_sees_whole_lab())));
ALTER POLICY visible ON report_value USING (
    lab_id = (SELECT desk_lab_id())
    AND (lab_test_id = ANY ((SELECT desk_visible_test_ids())::bigint[])
         OR desk_report_assigned_to(report_id, (SELECT desk_assigned_doctor_id()))
         OR (SELECT desk_sees_whole_lab())));

ALTER FUNCTION desk_orders_matching(text) SET enable_memoize = off;
