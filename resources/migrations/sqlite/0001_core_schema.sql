-- CalloutDesk schema, version 1, SQLite (the embedded demo, a single desk, the offline
-- cache). The same tables and invariants as the PostgreSQL migration of the same number:
-- booleans are 0/1, timestamps ISO-8601 UTC text, JSON text checked by json_valid().
-- Foreign keys need PRAGMA foreign_keys = ON, which the program sets on every connection.
-- The audit, log and outbox tables use AUTOINCREMENT: SQLite would otherwise hand a
-- deleted draft's id to the next row, and an audit trail must never reuse an id.

CREATE TABLE lab (
    id             INTEGER PRIMARY KEY,
    name           TEXT NOT NULL CHECK (trim(name) <> ''),
    email          TEXT NOT NULL DEFAULT '',
    contact_number TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE department (
    id     INTEGER PRIMARY KEY,
    lab_id INTEGER NOT NULL REFERENCES lab (id),
    name   TEXT NOT NULL CHECK (trim(name) <> ''),
    UNIQUE (lab_id, name),
    UNIQUE (lab_id, id)
) STRICT;

-- doc_type 0: sees the departments linked to the doctor; 2: sees only assigned bills (V2).
CREATE TABLE doctor (
    id       INTEGER PRIMARY KEY,
    lab_id   INTEGER NOT NULL REFERENCES lab (id),
    name     TEXT NOT NULL CHECK (trim(name) <> ''),
    email    TEXT NOT NULL DEFAULT '',
    doc_type INTEGER NOT NULL CHECK (doc_type IN (0, 2)),
    UNIQUE (lab_id, id)
) STRICT;

CREATE TABLE doctor_department (
    lab_id        INTEGER NOT NULL,
    doctor_id     INTEGER NOT NULL,
    department_id INTEGER NOT NULL,
    PRIMARY KEY (doctor_id, department_id),
    FOREIGN KEY (lab_id, doctor_id) REFERENCES doctor (lab_id, id) ON DELETE CASCADE,
    FOREIGN KEY (lab_id, department_id) REFERENCES department (lab_id, id) ON DELETE CASCADE
) STRICT;

-- department_data_type 0: the session's own department list, which for a desk login is
-- the user's home department; 1: the departments linked in lab_user_department (V2).
-- A support login is a lab_user with is_support set: it sees every department of its lab.
CREATE TABLE lab_user (
    id                   INTEGER PRIMARY KEY,
    lab_id               INTEGER NOT NULL REFERENCES lab (id),
    name                 TEXT NOT NULL CHECK (trim(name) <> ''),
    email                TEXT NOT NULL DEFAULT '',
    department_data_type INTEGER NOT NULL DEFAULT 0 CHECK (department_data_type IN (0, 1)),
    home_department_id   INTEGER,
    is_support           INTEGER NOT NULL DEFAULT 0 CHECK (is_support IN (0, 1)),
    UNIQUE (lab_id, id),
    FOREIGN KEY (lab_id, home_department_id) REFERENCES department (lab_id, id)
) STRICT;

CREATE TABLE lab_user_department (
    lab_id        INTEGER NOT NULL,
    lab_user_id   INTEGER NOT NULL,
    department_id INTEGER NOT NULL,
    PRIMARY KEY (lab_user_id, department_id),
    FOREIGN KEY (lab_id, lab_user_id) REFERENCES lab_user (lab_id, id) ON DELETE CASCADE,
    FOREIGN KEY (lab_id, department_id) REFERENCES department (lab_id, id) ON DELETE CASCADE
) STRICT;

CREATE TABLE organisation (
    id             INTEGER PRIMARY KEY,
    lab_id         INTEGER NOT NULL REFERENCES lab (id),
    name           TEXT NOT NULL CHECK (trim(name) <> ''),
    email          TEXT NOT NULL DEFAULT '',
    fax            TEXT NOT NULL DEFAULT '',
    contact_number TEXT NOT NULL DEFAULT '',
    UNIQUE (lab_id, id)
) STRICT;

CREATE TABLE referral_doctor (
    id             INTEGER PRIMARY KEY,
    lab_id         INTEGER NOT NULL REFERENCES lab (id),
    name           TEXT NOT NULL CHECK (trim(name) <> ''),
    email          TEXT NOT NULL DEFAULT '',
    fax            TEXT NOT NULL DEFAULT '',
    contact_number TEXT NOT NULL DEFAULT '',
    UNIQUE (lab_id, id)
) STRICT;

CREATE TABLE patient (
    id             INTEGER PRIMARY KEY,
    lab_id         INTEGER NOT NULL REFERENCES lab (id),
    name           TEXT NOT NULL CHECK (trim(name) <> ''),
    email          TEXT NOT NULL DEFAULT '',
    fax            TEXT NOT NULL DEFAULT '',
    contact_number TEXT NOT NULL DEFAULT '',
    sex            TEXT NOT NULL CHECK (sex IN ('M', 'F', 'U')),
    date_of_birth  TEXT CHECK (date_of_birth IS NULL OR date(date_of_birth) = date_of_birth),
    UNIQUE (lab_id, id)
) STRICT;

CREATE TABLE bill (
    id                 INTEGER PRIMARY KEY,
    lab_id             INTEGER NOT NULL REFERENCES lab (id),
    lab_bill_id        TEXT NOT NULL CHECK (trim(lab_bill_id) <> ''),
    patient_id         INTEGER NOT NULL,
    referral_doctor_id INTEGER,
    organisation_id    INTEGER,
    assigned_doctor_id INTEGER,
    bill_date          TEXT NOT NULL,
    UNIQUE (lab_id, lab_bill_id),
    UNIQUE (lab_id, id),
    FOREIGN KEY (lab_id, patient_id) REFERENCES patient (lab_id, id),
    FOREIGN KEY (lab_id, referral_doctor_id) REFERENCES referral_doctor (lab_id, id),
    FOREIGN KEY (lab_id, organisation_id) REFERENCES organisation (lab_id, id),
    FOREIGN KEY (lab_id, assigned_doctor_id) REFERENCES doctor (lab_id, id)
) STRICT;
CREATE INDEX bill_assigned_doctor_idx ON bill (assigned_doctor_id);

CREATE TABLE lab_test (
    id            INTEGER PRIMARY KEY,
    lab_id        INTEGER NOT NULL REFERENCES lab (id),
    name          TEXT NOT NULL CHECK (trim(name) <> ''),
    department_id INTEGER NOT NULL,
    UNIQUE (lab_id, name),
    UNIQUE (lab_id, id),
    FOREIGN KEY (lab_id, department_id) REFERENCES department (lab_id, id)
) STRICT;

CREATE TABLE report_format (
    id              INTEGER PRIMARY KEY,
    lab_test_id     INTEGER NOT NULL REFERENCES lab_test (id) ON DELETE CASCADE,
    parameter_name  TEXT NOT NULL CHECK (trim(parameter_name) <> ''),
    unit            TEXT NOT NULL DEFAULT '',
    reference_range TEXT NOT NULL DEFAULT '',
    critical_low    REAL,
    critical_high   REAL,
    age_range_flag  INTEGER NOT NULL DEFAULT 0 CHECK (age_range_flag IN (0, 1)),
    sort_order      INTEGER NOT NULL DEFAULT 0,
    UNIQUE (lab_test_id, parameter_name),
    CHECK (critical_low IS NULL OR critical_high IS NULL OR critical_low <= critical_high)
) STRICT;

-- Ages are in days, the lower bound inclusive and the upper exclusive; sex 'A' is any.
CREATE TABLE value_range (
    id               INTEGER PRIMARY KEY,
    report_format_id INTEGER NOT NULL REFERENCES report_format (id) ON DELETE CASCADE,
    sex              TEXT NOT NULL CHECK (sex IN ('M', 'F', 'A')),
    age_min_days     INTEGER NOT NULL DEFAULT 0 CHECK (age_min_days >= 0),
    age_max_days     INTEGER NOT NULL CHECK (age_max_days > age_min_days),
    critical_low     REAL,
    critical_high    REAL,
    reference_range  TEXT NOT NULL DEFAULT '',
    CHECK (critical_low IS NULL OR critical_high IS NULL OR critical_low <= critical_high)
) STRICT;
CREATE INDEX value_range_format_idx ON value_range (report_format_id);

CREATE TABLE report (
    id               INTEGER PRIMARY KEY,
    lab_id           INTEGER NOT NULL,
    bill_id          INTEGER NOT NULL,
    lab_test_id      INTEGER NOT NULL,
    critical_values  INTEGER NOT NULL DEFAULT 0 CHECK (critical_values IN (0, 1, 2, 3, 4)),
    dismissed        INTEGER NOT NULL DEFAULT 0 CHECK (dismissed IN (0, 1)),
    sample_collected INTEGER NOT NULL DEFAULT 0 CHECK (sample_collected IN (0, 1)),
    is_signed        INTEGER NOT NULL DEFAULT 0 CHECK (is_signed IN (0, 1)),
    is_approved      INTEGER NOT NULL DEFAULT 0 CHECK (is_approved IN (0, 1)),
    completed        INTEGER NOT NULL DEFAULT 0 CHECK (completed IN (0, 1)),
    on_hold          INTEGER NOT NULL DEFAULT 0 CHECK (on_hold IN (0, 1)),
    in_question      INTEGER NOT NULL DEFAULT 0 CHECK (in_question IN (0, 1)),
    not_performed    INTEGER NOT NULL DEFAULT 0 CHECK (not_performed IN (0, 1)),
    comments         TEXT NOT NULL DEFAULT '',
    report_format    TEXT NOT NULL DEFAULT 'numeric'
                     CHECK (report_format IN ('numeric', 'text', 'culture')),
    result_on        TEXT,
    last_updated     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    row_version      INTEGER NOT NULL DEFAULT 1 CHECK (row_version > 0),
    UNIQUE (lab_id, id),
    FOREIGN KEY (lab_id, bill_id) REFERENCES bill (lab_id, id) ON DELETE CASCADE,
    FOREIGN KEY (lab_id, lab_test_id) REFERENCES lab_test (lab_id, id)
) STRICT;
CREATE INDEX report_bill_idx ON report (bill_id);
CREATE INDEX report_lab_status_idx ON report (lab_id, critical_values, last_updated);

-- SQLite cannot assign NEW in a BEFORE trigger; this AFTER trigger does not recurse
-- (recursive_triggers is off) and skips updates that already moved the version.
CREATE TRIGGER report_row_version AFTER UPDATE ON report
    FOR EACH ROW WHEN NEW.row_version = OLD.row_version
BEGIN
    UPDATE report SET row_version = OLD.row_version + 1 WHERE id = NEW.id;
END;

CREATE TABLE report_value (
    id               INTEGER PRIMARY KEY,
    report_id        INTEGER NOT NULL REFERENCES report (id) ON DELETE CASCADE,
    report_format_id INTEGER NOT NULL REFERENCES report_format (id),
    value            TEXT NOT NULL DEFAULT '',
    UNIQUE (report_id, report_format_id)
) STRICT;

CREATE TABLE critical_callout (
    id                     INTEGER PRIMARY KEY AUTOINCREMENT,
    lab_id                 INTEGER NOT NULL REFERENCES lab (id),
    bill_id                INTEGER REFERENCES bill (id) ON DELETE SET NULL,
    lab_report_id          INTEGER REFERENCES report (id) ON DELETE SET NULL,
    is_draft               INTEGER NOT NULL CHECK (is_draft IN (0, 1)),
    status                 INTEGER NOT NULL CHECK (status IN (2, 4)),
    comment                TEXT NOT NULL DEFAULT '',
    critical_callout_meta  TEXT NOT NULL DEFAULT '{}'
                           CHECK (json_valid(critical_callout_meta)
                                  AND json_type(critical_callout_meta) = 'object'),
    critical_values_meta   TEXT NOT NULL DEFAULT '[]'
                           CHECK (json_valid(critical_values_meta)
                                  AND json_type(critical_values_meta) = 'array'),
    performed_by_user_id   INTEGER REFERENCES lab_user (id),
    performed_by_doctor_id INTEGER REFERENCES doctor (id),
    created_on             TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    CHECK (is_draft = (status = 4)),
    CHECK (NOT is_draft OR lab_report_id IS NULL),
    CHECK (performed_by_user_id IS NOT NULL OR performed_by_doctor_id IS NOT NULL)
) STRICT;
CREATE INDEX critical_callout_lab_report_idx ON critical_callout (lab_id, lab_report_id);
CREATE UNIQUE INDEX critical_callout_one_draft_per_bill ON critical_callout (bill_id)
    WHERE is_draft;

CREATE TRIGGER critical_callout_no_delete BEFORE DELETE ON critical_callout
    FOR EACH ROW WHEN NOT OLD.is_draft
BEGIN
    SELECT RAISE(ABORT, 'critical_callout is a completed callout and cannot be changed');
END;

-- A completed row only loses its links when the bill or report it names is deleted.
CREATE TRIGGER critical_callout_no_update BEFORE UPDATE ON critical_callout
    FOR EACH ROW WHEN NOT OLD.is_draft AND NOT (
        (NEW.bill_id IS OLD.bill_id OR NEW.bill_id IS NULL)
        AND (NEW.lab_report_id IS OLD.lab_report_id OR NEW.lab_report_id IS NULL)
        AND NEW.id IS OLD.id AND NEW.lab_id IS OLD.lab_id AND NEW.is_draft IS OLD.is_draft
        AND NEW.status IS OLD.status AND NEW.comment IS OLD.comment
        AND NEW.critical_callout_meta IS OLD.critical_callout_meta
        AND NEW.critical_values_meta IS OLD.critical_values_meta
        AND NEW.performed_by_user_id IS OLD.performed_by_user_id
        AND NEW.performed_by_doctor_id IS OLD.performed_by_doctor_id
        AND NEW.created_on IS OLD.created_on)
BEGIN
    SELECT RAISE(ABORT, 'critical_callout is a completed callout and cannot be changed');
END;

CREATE TABLE activity_log (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    lab_id          INTEGER NOT NULL REFERENCES lab (id),
    log_category_id INTEGER NOT NULL CHECK (log_category_id > 0),
    bill_id         INTEGER REFERENCES bill (id) ON DELETE SET NULL,
    lab_report_id   INTEGER REFERENCES report (id) ON DELETE SET NULL,
    lab_user_name   TEXT NOT NULL,
    lab_user_id     INTEGER,
    session_token   TEXT NOT NULL DEFAULT '',
    activity_text   TEXT NOT NULL,
    activity_date   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    dumped_json     TEXT NOT NULL DEFAULT '{}'
                    CHECK (json_valid(dumped_json) AND json_type(dumped_json) = 'object')
) STRICT;
CREATE INDEX activity_log_history_idx
    ON activity_log (lab_id, log_category_id, lab_report_id, activity_date);

CREATE TABLE notification_setting (
    lab_id      INTEGER NOT NULL REFERENCES lab (id),
    setting_key TEXT NOT NULL CHECK (setting_key GLOB '[a-z]*'
                                     AND setting_key NOT GLOB '*[^a-z0-9_]*'),
    enabled     INTEGER NOT NULL CHECK (enabled IN (0, 1)),
    PRIMARY KEY (lab_id, setting_key)
) STRICT;

CREATE TABLE index_outbox (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    lab_id          INTEGER NOT NULL REFERENCES lab (id),
    scope           TEXT NOT NULL CHECK (scope IN ('bill', 'report')),
    bill_id         INTEGER,
    report_id       INTEGER,
    state           TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    last_error      TEXT NOT NULL DEFAULT '',
    created_on      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    CHECK ((scope = 'bill' AND bill_id IS NOT NULL) OR (scope = 'report' AND report_id IS NOT NULL))
) STRICT;
CREATE INDEX index_outbox_pending_idx ON index_outbox (next_attempt_at, id) WHERE state = 'pending';

CREATE TABLE notification_outbox (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    lab_id          INTEGER NOT NULL REFERENCES lab (id),
    bill_id         INTEGER REFERENCES bill (id) ON DELETE SET NULL,
    activity_log_id INTEGER REFERENCES activity_log (id) ON DELETE SET NULL,
    channel         TEXT NOT NULL CHECK (channel GLOB '[a-z]*' AND channel NOT GLOB '*[^a-z0-9_]*'),
    recipient_kind  TEXT NOT NULL CHECK (recipient_kind IN ('patient', 'referral', 'organization', 'other')),
    address         TEXT NOT NULL CHECK (trim(address) <> ''),
    payload         TEXT NOT NULL CHECK (json_valid(payload) AND json_type(payload) = 'object'),
    state           TEXT NOT NULL DEFAULT 'pending'
                    CHECK (state IN ('pending', 'sending', 'sent', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    last_error      TEXT NOT NULL DEFAULT '',
    created_on      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    sent_on         TEXT
) STRICT;
CREATE INDEX notification_outbox_pending_idx ON notification_outbox (next_attempt_at, id)
    WHERE state = 'pending';
