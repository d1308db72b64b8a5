-- The callout record (SPEC C8, C9, C11, C12). See the PostgreSQL migration for the why.

CREATE TABLE activity_log_report (
    activity_log_id INTEGER NOT NULL REFERENCES activity_log (id) ON DELETE CASCADE,
    lab_id          INTEGER NOT NULL,
    lab_report_id   INTEGER NOT NULL,
    PRIMARY KEY (lab_report_id, activity_log_id),
    FOREIGN KEY (lab_id, lab_report_id) REFERENCES report (lab_id, id) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;
CREATE INDEX activity_log_report_log_idx ON activity_log_report (activity_log_id);

INSERT OR IGNORE INTO activity_log_report (activity_log_id, lab_id, lab_report_id)
SELECT a.id, a.lab_id, r.id
FROM activity_log a, json_each(a.dumped_json, '$.lab_report_ids') AS named
JOIN report r ON r.lab_id = a.lab_id AND r.id = named.value
WHERE a.log_category_id = 648 AND json_type(a.dumped_json, '$.lab_report_ids') = 'array';
INSERT OR IGNORE INTO activity_log_report (activity_log_id, lab_id, lab_report_id)
SELECT a.id, a.lab_id, a.lab_report_id FROM activity_log a
WHERE a.log_category_id = 648 AND a.lab_report_id IS NOT NULL;

-- C12. SQLite stamps each statement with its own time, so the audit rows of a callout
-- are matched within two seconds of its log entry.
ALTER TABLE activity_log ADD COLUMN performed_by_doctor_id INTEGER REFERENCES doctor (id)
    CHECK (performed_by_doctor_id IS NULL OR lab_user_id IS NULL);
UPDATE activity_log
SET performed_by_doctor_id = lab_user_id, lab_user_id = NULL
WHERE log_category_id = 648 AND lab_user_id IS NOT NULL
  AND EXISTS (SELECT 1 FROM critical_callout c
              WHERE c.lab_id = activity_log.lab_id AND c.bill_id = activity_log.bill_id
                AND c.performed_by_doctor_id = activity_log.lab_user_id
                AND c.performed_by_user_id IS NULL
                AND abs(julianday(c.created_on) - julianday(activity_log.activity_date))
                    * 86400.0 < 2.0);

-- C9.
ALTER TABLE activity_log ADD COLUMN request_id TEXT
    CHECK (request_id IS NULL OR (length(request_id) BETWEEN 1 AND 100
                                  AND request_id NOT GLOB '*[^A-Za-z0-9._:-]*'));
ALTER TABLE activity_log ADD COLUMN request_outcome TEXT
    CHECK (request_outcome IS NULL
           OR (json_valid(request_outcome) AND json_type(request_outcome) = 'object'));
CREATE UNIQUE INDEX activity_log_request_idx ON activity_log (lab_id, request_id)
    WHERE request_id IS NOT NULL;

-- C11.
UPDATE critical_callout
SET critical_callout_meta = json_set(critical_callout_meta, '$.lab_report_ids', json(
    (SELECT json_group_array(id) FROM (
        SELECT r.id FROM report r
        WHERE r.bill_id = critical_callout.bill_id AND r.critical_values = 4
          AND (json_type(critical_callout.critical_callout_meta, '$.callout_for') IS NULL
               OR EXISTS (SELECT 1 FROM json_each(critical_callout.critical_callout_meta,
                                                  '$.callout_for') AS t
                          WHERE t.value = r.lab_test_id))
        ORDER BY r.id))))
WHERE is_draft;

INSERT INTO index_outbox (lab_id, scope, bill_id)
SELECT DISTINCT r.lab_id, 'bill', r.bill_id FROM report r
WHERE r.critical_values = 4
  AND NOT EXISTS (SELECT 1 FROM critical_callout d, json_each(d.critical_callout_meta,
                                                              '$.lab_report_ids') AS named
                  WHERE d.bill_id = r.bill_id AND d.is_draft AND named.value = r.id);
UPDATE report SET critical_values = 1, last_updated = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
WHERE critical_values = 4
  AND NOT EXISTS (SELECT 1 FROM critical_callout d, json_each(d.critical_callout_meta,
                                                              '$.lab_report_ids') AS named
                  WHERE d.bill_id = report.bill_id AND d.is_draft AND named.value = report.id);

-- SQLite has no deferred triggers: a writer replaces the draft and moves the reports in
-- an order that keeps the rule after every statement (CalloutWriter does).
-- A report checks itself with one look at its order's draft: json_extract gives the id
-- list as compact text ("[7,9]"), searched as ",7,9," for ",<id>,". (json_each here made
-- an attempt on 200 reports walk 200 lists of 200 ids.)
CREATE TRIGGER report_inserted_attempted_has_draft AFTER INSERT ON report
    FOR EACH ROW WHEN NEW.critical_values = 4
        AND NOT EXISTS (SELECT 1 FROM critical_callout d
                        WHERE d.bill_id = NEW.bill_id AND d.is_draft
                          AND instr(',' || trim(json_extract(d.critical_callout_meta,
                                                             '$.lab_report_ids'), '[]') || ',',
                                    ',' || NEW.id || ',') > 0)
BEGIN
    SELECT RAISE(ABORT, 'report is Attempted but the draft of its order does not name it');
END;

CREATE TRIGGER report_updated_attempted_has_draft AFTER UPDATE OF critical_values, bill_id ON report
    FOR EACH ROW WHEN NEW.critical_values = 4
        AND NOT EXISTS (SELECT 1 FROM critical_callout d
                        WHERE d.bill_id = NEW.bill_id AND d.is_draft
                          AND instr(',' || trim(json_extract(d.critical_callout_meta,
                                                             '$.lab_report_ids'), '[]') || ',',
                                    ',' || NEW.id || ',') > 0)
BEGIN
    SELECT RAISE(ABORT, 'report is Attempted but the draft of its order does not name it');
END;

CREATE TRIGGER draft_deleted_names_attempted_reports AFTER DELETE ON critical_callout
    FOR EACH ROW WHEN OLD.is_draft
        AND EXISTS (SELECT 1 FROM report r WHERE r.bill_id = OLD.bill_id AND r.critical_values = 4)
BEGIN
    SELECT RAISE(ABORT, 'report is Attempted but the draft of its order does not name it');
END;

CREATE TRIGGER draft_written_names_attempted_reports AFTER INSERT ON critical_callout
    FOR EACH ROW WHEN NEW.is_draft
        AND EXISTS (SELECT 1 FROM report r
                    WHERE r.bill_id = NEW.bill_id AND r.critical_values = 4
                      AND NOT EXISTS (SELECT 1 FROM json_each(NEW.critical_callout_meta,
                                                              '$.lab_report_ids') AS named
                                      WHERE named.value = r.id))
BEGIN
    SELECT RAISE(ABORT, 'report is Attempted but the draft of its order does not name it');
END;

CREATE TRIGGER draft_changed_names_attempted_reports AFTER UPDATE ON critical_callout
    FOR EACH ROW WHEN (OLD.is_draft OR NEW.is_draft)
        AND EXISTS (SELECT 1 FROM report r
                    WHERE r.bill_id IN (OLD.bill_id, NEW.bill_id) AND r.critical_values = 4
                      AND NOT EXISTS (SELECT 1 FROM critical_callout d,
                                                    json_each(d.critical_callout_meta,
                                                              '$.lab_report_ids') AS named
                                      WHERE d.bill_id = r.bill_id AND d.is_draft
                                        AND named.value = r.id))
BEGIN
    SELECT RAISE(ABORT, 'report is Attempted but the draft of its order does not name it');
END;
