-- Escalation contacts (SPEC T3). See the PostgreSQL migration for the why; GLOB says the
-- same shapes as its regular expressions.
CREATE TABLE escalation_contact (
    id            INTEGER PRIMARY KEY,
    lab_id        INTEGER NOT NULL,
    department_id INTEGER NOT NULL,
    name          TEXT NOT NULL
                  CHECK (trim(name) <> '' AND length(name) <= 200
                         AND name NOT GLOB ('*[' || char(1) || '-' || char(31) || char(127) || ']*')),
    role          TEXT NOT NULL DEFAULT ''
                  CHECK (length(role) <= 200
                         AND role NOT GLOB ('*[' || char(1) || '-' || char(31) || char(127) || ']*')),
    phone         TEXT NOT NULL DEFAULT ''
                  CHECK (phone = '' OR (length(phone) <= 40
                                        AND phone NOT GLOB '*[^0-9 +-]*'
                                        AND substr(phone, 2) NOT GLOB '*+*'
                                        AND phone GLOB '[+0-9]*[0-9]'
                                        AND phone NOT GLOB '+[^0-9]*')),
    email         TEXT NOT NULL DEFAULT ''
                  CHECK (email = '' OR (length(email) <= 254
                                        AND email GLOB '?*@?*.?*'
                                        AND email NOT GLOB '*@*@*'
                                        AND email NOT GLOB '*.'
                                        AND email NOT GLOB ('*[ ,;<>' || char(1) || '-' || char(31) || char(127) || ']*'))),
    call_order    INTEGER NOT NULL CHECK (call_order BETWEEN 1 AND 999),
    CHECK (phone <> '' OR email <> ''),
    UNIQUE (department_id, call_order),
    FOREIGN KEY (lab_id, department_id) REFERENCES department (lab_id, id) ON DELETE CASCADE
) STRICT;
CREATE INDEX escalation_contact_lab_idx ON escalation_contact (lab_id, department_id, call_order);
