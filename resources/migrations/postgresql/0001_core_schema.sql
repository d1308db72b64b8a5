-- CalloutDesk schema, version 1, PostgreSQL.
-- SPEC D1–D7. Every invariant the database can hold is written here, so that no
-- desk, script or later bug can store a state the program would have to refuse.

CREATE TABLE lab (
    id          bigserial PRIMARY KEY,
    name        text NOT NULL CHECK (btrim(name) <> ''),
    email       text NOT NULL DEFAULT '',
    contact_number text NOT NULL DEFAULT ''
);

CREATE TABLE department (
    id      bigserial PRIMARY KEY,
    lab_id  bigint NOT NULL REFERENCES lab (id),
    name    text NOT NULL CHECK (btrim(name) <> ''),
    UNIQUE (lab_id, name),
    UNIQUE (lab_id, id)
);

-- doc_type 0: sees the departments linked to the doctor; 2: sees only assigned bills (V2).
CREATE TABLE doctor (
    id       bigserial PRIMARY KEY,
    lab_id   bigint NOT NULL REFERENCES lab (id),
    name     text NOT NULL CHECK (btrim(name) <> ''),
    email    text NOT NULL DEFAULT '',
    doc_type smallint NOT NULL CHECK (doc_type IN (0, 2)),
    UNIQUE (lab_id, id)
);

CREATE TABLE doctor_department (
    lab_id        bigint NOT NULL,
    doctor_id     bigint NOT NULL,
    department_id bigint NOT NULL,
    PRIMARY KEY (doctor_id, department_id),
    FOREIGN KEY (lab_id, doctor_id) REFERENCES doctor (lab_id, id) ON DELETE CASCADE,
    FOREIGN KEY (lab_id, department_id) REFERENCES department (lab_id, id) ON DELETE CASCADE
);

-- department_data_type 0: the session's own department list, which for a desk login is
-- the user's home department; 1: the departments linked in lab_user_department (V2).
-- A support login is a lab_user with is_support set: it sees every department of its lab.
CREATE TABLE lab_user (
    id                   bigserial PRIMARY KEY,
    lab_id               bigint NOT NULL REFERENCES lab (id),
    name                 text NOT NULL CHECK (btrim(name) <> ''),
    email                text NOT NULL DEFAULT '',
    department_data_type smallint NOT NULL DEFAULT 0 CHECK (department_data_type IN (0, 1)),
    home_department_id   bigint,
    is_support           boolean NOT NULL DEFAULT false,
    UNIQUE (lab_id, id),
    FOREIGN KEY (lab_id, home_department_id) REFERENCES department (lab_id, id)
);

CREATE TABLE lab_user_department (
    lab_id        bigint NOT NULL,
    lab_user_id   bigint NOT NULL,
    department_id bigint NOT NULL,
    PRIMARY KEY (lab_user_id, department_id),
    FOREIGN KEY (lab_id, lab_user_id) REFERENCES lab_user (lab_id, id) ON DELETE CASCADE,
    FOREIGN KEY (lab_id, department_id) REFERENCES department (lab_id, id) ON DELETE CASCADE
);

CREATE TABLE organisation (
    id             bigserial PRIMARY KEY,
    lab_id         bigint NOT NULL REFERENCES lab (id),
    name           text NOT NULL CHECK (btrim(name) <> ''),
    email          text NOT NULL DEFAULT '',
    fax            text NOT NULL DEFAULT '',
    contact_number text NOT NULL DEFAULT '',
    UNIQUE (lab_id, id)
);

CREATE TABLE referral_doctor (
    id             bigserial PRIMARY KEY,
    lab_id         bigint NOT NULL REFERENCES lab (id),
    name           text NOT NULL CHECK (btrim(name) <> ''),
    email          text NOT NULL DEFAULT '',
    fax            text NOT NULL DEFAULT '',
    contact_number text NOT NULL DEFAULT '',
    UNIQUE (lab_id, id)
);

CREATE TABLE patient (
    id             bigserial PRIMARY KEY,
    lab_id         bigint NOT NULL REFERENCES lab (id),
    name           text NOT NULL CHECK (btrim(name) <> ''),
    email          text NOT NULL DEFAULT '',
    fax            text NOT NULL DEFAULT '',
    contact_number text NOT NULL DEFAULT '',
    sex            char(1) NOT NULL CHECK (sex IN ('M', 'F', 'U')),
    date_of_birth  date,
    UNIQUE (lab_id, id)
);

-- An order. The composite foreign keys keep every party of a bill inside the bill's lab (V1).
CREATE TABLE bill (
    id                 bigserial PRIMARY KEY,
    lab_id             bigint NOT NULL REFERENCES lab (id),
    lab_bill_id        text NOT NULL CHECK (btrim(lab_bill_id) <> ''),
    patient_id         bigint NOT NULL,
    referral_doctor_id bigint,
    organisation_id    bigint,
    assigned_doctor_id bigint,
    bill_date          timestamptz NOT NULL,
    UNIQUE (lab_id, lab_bill_id),
    UNIQUE (lab_id, id),
    FOREIGN KEY (lab_id, patient_id) REFERENCES patient (lab_id, id),
    FOREIGN KEY (lab_id, referral_doctor_id) REFERENCES referral_doctor (lab_id, id),
    FOREIGN KEY (lab_id, organisation_id) REFERENCES organisation (lab_id, id),
    FOREIGN KEY (lab_id, assigned_doctor_id) REFERENCES doctor (lab_id, id)
);
CREATE INDEX bill_assigned_doctor_idx ON bill (assigned_doctor_id);

-- A test of the lab's catalogue.
CREATE TABLE lab_test (
    id            bigserial PRIMARY KEY,
    lab_id        bigint NOT NULL REFERENCES lab (id),
    name          text NOT NULL CHECK (btrim(name) <> ''),
    department_id bigint NOT NULL,
    UNIQUE (lab_id, name),
    UNIQUE (lab_id, id),
    FOREIGN KEY (lab_id, department_id) REFERENCES department (lab_id, id)
);

-- One parameter definition of a test (D3). Either bound may be absent.
CREATE TABLE report_format (
    id              bigserial PRIMARY KEY,
    lab_test_id     bigint NOT NULL REFERENCES lab_test (id) ON DELETE CASCADE,
    parameter_name  text NOT NULL CHECK (btrim(parameter_name) <> ''),
    unit            text NOT NULL DEFAULT '',
    reference_range text NOT NULL DEFAULT '',
    critical_low    double precision,
    critical_high   double precision,
    age_range_flag  boolean NOT NULL DEFAULT false,
    sort_order      integer NOT NULL DEFAULT 0,
    UNIQUE (lab_test_id, parameter_name),
    CHECK (critical_low IS NULL OR critical_high IS NULL OR critical_low <= critical_high)
);

-- Age- and sex-specific critical bounds, consulted only when the format's flag is set.
-- Ages are in days, the lower bound inclusive and the upper exclusive; sex 'A' is any.
CREATE TABLE value_range (
    id               bigserial PRIMARY KEY,
    report_format_id bigint NOT NULL REFERENCES report_format (id) ON DELETE CASCADE,
    sex              char(1) NOT NULL CHECK (sex IN ('M', 'F', 'A')),
    age_min_days     integer NOT NULL DEFAULT 0 CHECK (age_min_days >= 0),
    age_max_days     integer NOT NULL CHECK (age_max_days > age_min_days),
    critical_low     double precision,
    critical_high    double precision,
    reference_range  text NOT NULL DEFAULT '',
    CHECK (critical_low IS NULL OR critical_high IS NULL OR critical_low <= critical_high)
);
CREATE INDEX value_range_format_idx ON value_range (report_format_id);

-- One test of one order (D2). critical_values is SPEC S1's enum; the CHECK keeps it closed.
-- row_version grows with every change of the row, so that the search index can refuse
-- to let an older state overwrite a newer one (E4).
CREATE TABLE report (
    id               bigserial PRIMARY KEY,
    lab_id           bigint NOT NULL,
    bill_id          bigint NOT NULL,
    lab_test_id      bigint NOT NULL,
    critical_values  smallint NOT NULL DEFAULT 0 CHECK (critical_values IN (0, 1, 2, 3, 4)),
    dismissed        boolean NOT NULL DEFAULT false,
    sample_collected boolean NOT NULL DEFAULT false,
    is_signed        boolean NOT NULL DEFAULT false,
    is_approved      boolean NOT NULL DEFAULT false,
    completed        boolean NOT NULL DEFAULT false,
    on_hold          boolean NOT NULL DEFAULT false,
    in_question      boolean NOT NULL DEFAULT false,
    not_performed    boolean NOT NULL DEFAULT false,
    comments         text NOT NULL DEFAULT '',
    report_format    text NOT NULL DEFAULT 'numeric'
                     CHECK (report_format IN ('numeric', 'text', 'culture')),
    result_on        timestamptz,
    last_updated     timestamptz NOT NULL DEFAULT now(),
    row_version      bigint NOT NULL DEFAULT 1 CHECK (row_version > 0),
    UNIQUE (lab_id, id),
    FOREIGN KEY (lab_id, bill_id) REFERENCES bill (lab_id, id) ON DELETE CASCADE,
    FOREIGN KEY (lab_id, lab_test_id) REFERENCES lab_test (lab_id, id)
);
CREATE INDEX report_bill_idx ON report (bill_id);
CREATE INDEX report_lab_status_idx ON report (lab_id, critical_values, last_updated);

CREATE FUNCTION report_bump_row_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.row_version := OLD.row_version + 1;
    RETURN NEW;
END;
$$;
CREATE TRIGGER report_row_version BEFORE UPDATE ON report
    FOR EACH ROW EXECUTE FUNCTION report_bump_row_version();

CREATE TABLE report_value (
    id               bigserial PRIMARY KEY,
    report_id        bigint NOT NULL REFERENCES report (id) ON DELETE CASCADE,
    report_format_id bigint NOT NULL REFERENCES report_format (id),
    value            text NOT NULL DEFAULT '',
    UNIQUE (report_id, report_format_id)
);

-- The callout audit table (D4). Completed rows are never changed or deleted (see the
-- trigger below); only a bill's draft is replaced. A draft is bill-level: no report.
CREATE TABLE critical_callout (
    id                     bigserial PRIMARY KEY,
    lab_id                 bigint NOT NULL REFERENCES lab (id),
    bill_id                bigint REFERENCES bill (id) ON DELETE SET NULL,
    lab_report_id          bigint REFERENCES report (id) ON DELETE SET NULL,
    is_draft               boolean NOT NULL,
    status                 smallint NOT NULL CHECK (status IN (2, 4)),
    comment                text NOT NULL DEFAULT '',
    critical_callout_meta  jsonb NOT NULL DEFAULT '{}'::jsonb
                           CHECK (jsonb_typeof(critical_callout_meta) = 'object'),
    critical_values_meta   jsonb NOT NULL DEFAULT '[]'::jsonb
                           CHECK (jsonb_typeof(critical_values_meta) = 'array'),
    performed_by_user_id   bigint REFERENCES lab_user (id),
    performed_by_doctor_id bigint REFERENCES doctor (id),
    created_on             timestamptz NOT NULL DEFAULT now(),
    CHECK (is_draft = (status = 4)),
    CHECK (NOT is_draft OR lab_report_id IS NULL),
    CHECK (performed_by_user_id IS NOT NULL OR performed_by_doctor_id IS NOT NULL)
);
CREATE INDEX critical_callout_lab_report_idx ON critical_callout (lab_id, lab_report_id);
CREATE UNIQUE INDEX critical_callout_one_draft_per_bill ON critical_callout (bill_id)
    WHERE is_draft;

CREATE FUNCTION critical_callout_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.is_draft THEN
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    END IF;
    -- A completed row only loses its links when the bill or report it names is deleted.
    IF TG_OP = 'UPDATE'
       AND (NEW.bill_id IS NOT DISTINCT FROM OLD.bill_id OR NEW.bill_id IS NULL)
       AND (NEW.lab_report_id IS NOT DISTINCT FROM OLD.lab_report_id OR NEW.lab_report_id IS NULL)
       AND (NEW.id, NEW.lab_id, NEW.is_draft, NEW.status, NEW.comment, NEW.critical_callout_meta,
            NEW.critical_values_meta, NEW.performed_by_user_id, NEW.performed_by_doctor_id,
            NEW.created_on)
           IS NOT DISTINCT FROM
           (OLD.id, OLD.lab_id, OLD.is_draft, OLD.status, OLD.comment, OLD.critical_callout_meta,
            OLD.critical_values_meta, OLD.performed_by_user_id, OLD.performed_by_doctor_id,
            OLD.created_on) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'critical_callout % is a completed callout and cannot be changed', OLD.id
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$;
CREATE TRIGGER critical_callout_append_only BEFORE UPDATE OR DELETE ON critical_callout
    FOR EACH ROW EXECUTE FUNCTION critical_callout_append_only();

-- Activity log (D5, L1, L2). Category 648 holds callouts.
CREATE TABLE activity_log (
    id              bigserial PRIMARY KEY,
    lab_id          bigint NOT NULL REFERENCES lab (id),
    log_category_id integer NOT NULL CHECK (log_category_id > 0),
    bill_id         bigint REFERENCES bill (id) ON DELETE SET NULL,
    lab_report_id   bigint REFERENCES report (id) ON DELETE SET NULL,
    lab_user_name   text NOT NULL,
    lab_user_id     bigint,
    session_token   text NOT NULL DEFAULT '',
    activity_text   text NOT NULL,
    activity_date   timestamptz NOT NULL DEFAULT now(),
    dumped_json     jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(dumped_json) = 'object')
);
CREATE INDEX activity_log_history_idx
    ON activity_log (lab_id, log_category_id, lab_report_id, activity_date);

-- Per-lab notification settings (D6) as keys, so a new channel is a new row, never a
-- schema change, and no key ever changes meaning.
CREATE TABLE notification_setting (
    lab_id      bigint NOT NULL REFERENCES lab (id),
    setting_key text NOT NULL CHECK (setting_key ~ '^[a-z][a-z0-9_]*$'),
    enabled     boolean NOT NULL,
    PRIMARY KEY (lab_id, setting_key)
);

-- Index sync journal (E4): written in the same transaction as the change it describes.
-- scope 'bill' re-sends every report of the bill (E3); 'report' only the status fields (E2).
CREATE TABLE index_outbox (
    id              bigserial PRIMARY KEY,
    lab_id          bigint NOT NULL REFERENCES lab (id),
    scope           text NOT NULL CHECK (scope IN ('bill', 'report')),
    bill_id         bigint,
    report_id       bigint,
    state           text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'failed')),
    attempts        integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    last_error      text NOT NULL DEFAULT '',
    created_on      timestamptz NOT NULL DEFAULT now(),
    CHECK ((scope = 'bill' AND bill_id IS NOT NULL) OR (scope = 'report' AND report_id IS NOT NULL))
);
CREATE INDEX index_outbox_pending_idx ON index_outbox (next_attempt_at, id) WHERE state = 'pending';

-- Notification journal (N3): a done callout records its messages here in its own
-- transaction; a worker sends them, so a failed send never loses the callout.
CREATE TABLE notification_outbox (
    id              bigserial PRIMARY KEY,
    lab_id          bigint NOT NULL REFERENCES lab (id),
    bill_id         bigint REFERENCES bill (id) ON DELETE SET NULL,
    activity_log_id bigint REFERENCES activity_log (id) ON DELETE SET NULL,
    channel         text NOT NULL CHECK (channel ~ '^[a-z][a-z0-9_]*$'),
    recipient_kind  text NOT NULL CHECK (recipient_kind IN ('patient', 'referral', 'organization', 'other')),
    address         text NOT NULL CHECK (btrim(address) <> ''),
    payload         jsonb NOT NULL CHECK (jsonb_typeof(payload) = 'object'),
    state           text NOT NULL DEFAULT 'pending'
                    CHECK (state IN ('pending', 'sending', 'sent', 'failed')),
    attempts        integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    last_error      text NOT NULL DEFAULT '',
    created_on      timestamptz NOT NULL DEFAULT now(),
    sent_on         timestamptz
);
CREATE INDEX notification_outbox_pending_idx ON notification_outbox (next_attempt_at, id)
    WHERE state = 'pending';
