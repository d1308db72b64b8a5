-- The overdue counts of the tab badges (SPEC T2): see the PostgreSQL migration of the same
-- number. SQLite has no INCLUDE; the reports not yet due are few, and their rows are read.
CREATE INDEX report_due_idx
    ON report (lab_id, critical_values,
               (CASE WHEN result_on IS NULL THEN last_updated ELSE result_on END))
    WHERE NOT dismissed AND sample_collected AND critical_values IN (1, 4);
