-- The callout record (SPEC C8, C9, C11, C12).

-- C8: a callout belongs to every report it names. The activity log keeps the seeds'
-- lab_report_id (the first report); this table names each of them, so history, the
-- always_notify gate, audit and export find a callout from any of its reports.
CREATE TABLE activity_log_report (
    activity_log_id bigint NOT NULL REFERENCES activity_log (id) ON DELETE CASCADE,
    lab_id          bigint NOT NULL,
    lab_report_id   bigint NOT NULL,
    PRIMARY KEY (lab_report_id, activity_log_id),
    FOREIGN KEY (lab_id, lab_report_id) REFERENCES report (lab_id, id) ON DELETE CASCADE
);
CREATE INDEX activity_log_report_log_idx ON activity_log_report (activity_log_id);

INSERT INTO activity_log_report (activity_log_id, lab_id, lab_report_id)
SELECT DISTINCT a.id, a.lab_id, r.id
FROM activity_log a
CROSS JOIN LATERAL jsonb_array_elements_text(
    CASE WHEN jsonb_typeof(a.dumped_json -> 'lab_report_ids') = 'array'
         THEN a.dumped_json -> 'lab_report_ids' ELSE '[]'::jsonb END) AS named (id)
JOIN report r ON r.lab_id = a.lab_id AND r.id::text = named.id
WHERE a.log_category_id = 648;
INSERT INTO activity_log_report (activity_log_id, lab_id, lab_report_id)
SELECT a.id, a.lab_id, a.lab_report_id FROM activity_log a
WHERE a.log_category_id = 648 AND a.lab_report_id IS NOT NULL
ON CONFLICT DO NOTHING;

-- C12: who acted, by kind. lab_user_id names only lab users; a doctor's callout names
-- the doctor here. Rows written before this migration put a doctor's id into
-- lab_user_id; the audit rows of the same callout (same order, same time, performed by
-- that doctor) tell which they were.
ALTER TABLE activity_log ADD COLUMN performed_by_doctor_id bigint REFERENCES doctor (id);
UPDATE activity_log a
SET performed_by_doctor_id = a.lab_user_id, lab_user_id = NULL
WHERE a.log_category_id = 648 AND a.lab_user_id IS NOT NULL
  AND EXISTS (SELECT 1 FROM critical_callout c
              WHERE c.lab_id = a.lab_id AND c.bill_id = a.bill_id
                AND c.performed_by_doctor_id = a.lab_user_id
                AND c.performed_by_user_id IS NULL
                AND c.created_on = a.activity_date);
ALTER TABLE activity_log ADD CONSTRAINT activity_log_one_actor_kind
    CHECK (lab_user_id IS NULL OR performed_by_doctor_id IS NULL);

-- C9: one submission, one record. The desk and calloutctl send a request id with every
-- submission; the same id again finds this row and its outcome instead of writing.
ALTER TABLE activity_log ADD COLUMN request_id text
    CHECK (request_id IS NULL OR request_id ~ '^[A-Za-z0-9._:-]{1,100}$');
ALTER TABLE activity_log ADD COLUMN request_outcome jsonb
    CHECK (request_outcome IS NULL OR jsonb_typeof(request_outcome) = 'object');
CREATE UNIQUE INDEX activity_log_request_idx ON activity_log (lab_id, request_id)
    WHERE request_id IS NOT NULL;

-- C11: no report is Attempted without its order's draft naming it. A draft names its
-- reports in critical_callout_meta.lab_report_ids; drafts written before this migration
-- named tests only (callout_for), so they get the Attempted reports of those tests.
UPDATE critical_callout d
SET critical_callout_meta = d.critical_callout_meta || jsonb_build_object(
    'lab_report_ids',
    COALESCE((SELECT jsonb_agg(r.id ORDER BY r.id) FROM report r
              WHERE r.bill_id = d.bill_id AND r.critical_values = 4
                AND (NOT d.critical_callout_meta ? 'callout_for'
                     OR d.critical_callout_meta -> 'callout_for' @> to_jsonb(r.lab_test_id))),
             '[]'::jsonb))
WHERE d.is_draft;

-- Reports left Attempted without a draft (an earlier version reset only the reports the
-- user could see) were waiting for nothing: they go back to Pending, and to the index.
WITH orphaned AS (
    UPDATE report r SET critical_values = 1, last_updated = now()
    WHERE r.critical_values = 4
      AND NOT EXISTS (SELECT 1 FROM critical_callout d
                      WHERE d.bill_id = r.bill_id AND d.is_draft
                        AND d.critical_callout_meta -> 'lab_report_ids' @> to_jsonb(r.id))
    RETURNING r.lab_id, r.bill_id)
INSERT INTO index_outbox (lab_id, scope, bill_id)
SELECT DISTINCT lab_id, 'bill', bill_id FROM orphaned;

-- The order's draft is read once per check, not once per report: a draft's meta is large
-- enough to be stored compressed, and each read decompresses it.
CREATE FUNCTION attempted_reports_have_draft(checked_bill bigint) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    named jsonb;
    orphan bigint;
BEGIN
    SELECT d.critical_callout_meta -> 'lab_report_ids' INTO named
    FROM critical_callout d WHERE d.bill_id = checked_bill AND d.is_draft;
    SELECT r.id INTO orphan FROM report r
    WHERE r.bill_id = checked_bill AND r.critical_values = 4
      AND (named IS NULL OR NOT named @> to_jsonb(r.id))
    LIMIT 1;
    IF orphan IS NOT NULL THEN
        RAISE EXCEPTION 'report % is Attempted but the draft of its order does not name it', orphan
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
END;
$$;

-- A report moved to Attempted checks only itself. When its order's draft was written in
-- this same transaction, that draft's own check covers every report of the order at
-- COMMIT, so an attempt on many reports does not read the draft once per report.
CREATE FUNCTION report_attempted_has_draft() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.critical_values <> 4
       OR EXISTS (SELECT 1 FROM critical_callout d
                  WHERE d.bill_id = NEW.bill_id AND d.is_draft
                    AND d.xmin::text::bigint = txid_current() % 4294967296) THEN
        RETURN NULL;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM critical_callout d
                   WHERE d.bill_id = NEW.bill_id AND d.is_draft
                     AND d.critical_callout_meta -> 'lab_report_ids' @> to_jsonb(NEW.id)) THEN
        RAISE EXCEPTION 'report % is Attempted but the draft of its order does not name it', NEW.id
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NULL;
END;
$$;

CREATE FUNCTION draft_names_attempted_reports() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' AND OLD.is_draft AND OLD.bill_id IS NOT NULL THEN
        PERFORM attempted_reports_have_draft(OLD.bill_id);
    END IF;
    IF TG_OP <> 'DELETE' AND NEW.is_draft AND NEW.bill_id IS NOT NULL THEN
        PERFORM attempted_reports_have_draft(NEW.bill_id);
    END IF;
    RETURN NULL;
END;
$$;

-- Deferred to COMMIT: a writer may replace the draft and move the reports in any order
-- within its transaction; what is refused is a committed state that breaks the rule.
CREATE CONSTRAINT TRIGGER report_attempted_has_draft
    AFTER INSERT OR UPDATE OF critical_values, bill_id ON report
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN (NEW.critical_values = 4)
    EXECUTE FUNCTION report_attempted_has_draft();
CREATE CONSTRAINT TRIGGER draft_inserted_names_attempted_reports
    AFTER INSERT ON critical_callout DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN (NEW.is_draft) EXECUTE FUNCTION draft_names_attempted_reports();
CREATE CONSTRAINT TRIGGER draft_changed_names_attempted_reports
    AFTER UPDATE ON critical_callout DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN (OLD.is_draft OR NEW.is_draft)
    EXECUTE FUNCTION draft_names_attempted_reports();
CREATE CONSTRAINT TRIGGER draft_deleted_names_attempted_reports
    AFTER DELETE ON critical_callout DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN (OLD.is_draft) EXECUTE FUNCTION draft_names_attempted_reports();
