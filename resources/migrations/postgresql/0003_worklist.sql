-- The worklist (SPEC U1, E1) sorts by the result's time and pages with keysets on it.
-- Timestamps are kept to the millisecond, as the search index keeps them, so a page's
-- cursor names a row exactly and both worklist sources order rows alike.
ALTER TABLE report ALTER COLUMN result_on TYPE timestamptz(3);
ALTER TABLE report ALTER COLUMN last_updated TYPE timestamptz(3);
ALTER TABLE bill ALTER COLUMN bill_date TYPE timestamptz(3);

-- A report without a result time sorts by its last change.
CREATE INDEX report_worklist_idx
    ON report (lab_id, critical_values, (COALESCE(result_on, last_updated)) DESC, id DESC)
    WHERE NOT dismissed AND sample_collected;
