-- Access (SPEC A3–A5). See the PostgreSQL migration for the why. SQLite has no logins:
-- it is the single trusted desk (--as), so it keeps no roles and no row security, but
-- the same tables and the same always_notify rule.

CREATE TABLE desk_login (
    login       TEXT PRIMARY KEY,
    lab_id      INTEGER NOT NULL REFERENCES lab (id),
    lab_user_id INTEGER,
    doctor_id   INTEGER,
    disabled    INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    created_on  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    CHECK ((lab_user_id IS NULL) <> (doctor_id IS NULL)),
    FOREIGN KEY (lab_id, lab_user_id) REFERENCES lab_user (lab_id, id),
    FOREIGN KEY (lab_id, doctor_id) REFERENCES doctor (lab_id, id)
) STRICT;

CREATE TABLE report_signature (
    id          INTEGER PRIMARY KEY,
    lab_id      INTEGER NOT NULL,
    report_id   INTEGER NOT NULL,
    meaning     TEXT NOT NULL CHECK (meaning IN ('signed', 'approved')),
    login       TEXT NOT NULL DEFAULT '',
    lab_user_id INTEGER REFERENCES lab_user (id),
    doctor_id   INTEGER REFERENCES doctor (id),
    signed_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    CHECK ((lab_user_id IS NULL) <> (doctor_id IS NULL)),
    FOREIGN KEY (lab_id, report_id) REFERENCES report (lab_id, id)
) STRICT;
CREATE INDEX report_signature_report_idx ON report_signature (report_id);

ALTER TABLE lab ADD COLUMN idle_lock_minutes INTEGER NOT NULL DEFAULT 10
    CHECK (idle_lock_minutes BETWEEN 1 AND 480);

CREATE INDEX bill_patient_idx ON bill (patient_id);

CREATE TRIGGER report_signoff_needs_callout BEFORE UPDATE OF is_signed, is_approved ON report
    FOR EACH ROW WHEN ((NEW.is_signed AND NOT OLD.is_signed)
                       OR (NEW.is_approved AND NOT OLD.is_approved))
        AND NEW.completed AND NEW.critical_values IN (1, 2, 4)
        AND EXISTS (SELECT 1 FROM notification_setting s
                    WHERE s.lab_id = NEW.lab_id AND s.setting_key = 'always_notify' AND s.enabled)
        AND NOT EXISTS (SELECT 1 FROM activity_log_report l
                        JOIN activity_log a ON a.id = l.activity_log_id
                        WHERE l.lab_report_id = NEW.id AND a.log_category_id = 648)
BEGIN
    SELECT RAISE(ABORT, 'the report has a critical result and its lab calls out every one: save a callout before it is signed or approved');
END;
