-- A support login's worklist under row-level security as fast as without it (SPEC A2,
-- issue 11's bench).
--
-- The whole-lab policy of migration 0013 asked two helpers, lab_id = (SELECT
-- desk_lab_id()) AND (SELECT desk_sees_whole_lab()). PostgreSQL keeps the second as a
-- filter tested on every row the scan reads, and counting a tab reads tens of thousands:
-- the Pending count took 10 ms against 6 ms without the policy. Asked as one value, the
-- lab when the login sees its whole lab and NULL otherwise, the policy is one index
-- condition and shows exactly what it did: a login that does not see the whole lab
-- matches no report.
ALTER POLICY visible_whole_lab ON report USING (
    lab_id = (SELECT CASE WHEN desk_sees_whole_lab() THEN desk_lab_id() END));
