-- The overdue counts of the tab badges (SPEC T2). A tab's overdue are its reports less
-- those not yet due; those, and the result times of the next to come due, are read from
-- this index, which holds only the reports of Pending and Attempted in order of their
-- result time, with what the visibility of a department or an assigned doctor reads
-- (lab_test_id, bill_id) and the two times, so each read is an index-only scan of the
-- reports after the cutoff. Before, the count read every report of the tab, and the list
-- of the next to come due relied on a report's last change never being before its result.
-- The expression is CASE, not the COALESCE of the worklist index: under row-level security
-- PostgreSQL bounds an index scan only by expressions it knows cannot leak what a policy
-- hides, and it knows that of CASE and not of COALESCE.
CREATE INDEX report_due_idx
    ON report (lab_id, critical_values,
               (CASE WHEN result_on IS NULL THEN last_updated ELSE result_on END))
    INCLUDE (lab_test_id, bill_id, result_on, last_updated)
    WHERE NOT dismissed AND sample_collected AND critical_values IN (1, 4);
