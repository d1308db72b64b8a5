-- The worklist: see the PostgreSQL migration of the same number. SQLite stores timestamps
-- as ISO-8601 text with milliseconds already.
CREATE INDEX report_worklist_idx
    ON report (lab_id, critical_values, COALESCE(result_on, last_updated) DESC, id DESC)
    WHERE NOT dismissed AND sample_collected;
