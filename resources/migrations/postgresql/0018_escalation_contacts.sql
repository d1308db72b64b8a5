-- Escalation contacts (SPEC T3): whom a lab calls, per department and in order, when a
-- critical result is not called out by the lab's warning time (the on-call pathologist,
-- the ward). The lab keeps them with calloutctl escalation, under the administrator's
-- login; a desk only reads its own lab's, and the callout dialog offers them.
--
-- The shapes are those the program checks at entry (models/PhoneNumber, EmailAddress),
-- in the coarse form a CHECK can say: a phone of digits, spaces and dashes with an
-- optional leading +; one address with one @ and a dotted domain, no spaces or list
-- separators. The program refuses the finer cases (digit counts, label lengths) first.
CREATE TABLE escalation_contact (
    id            bigserial PRIMARY KEY,
    lab_id        bigint NOT NULL,
    department_id bigint NOT NULL,
    name          text NOT NULL
                  CHECK (btrim(name) <> '' AND length(name) <= 200 AND name !~ '[[:cntrl:]]'),
    role          text NOT NULL DEFAULT ''
                  CHECK (length(role) <= 200 AND role !~ '[[:cntrl:]]'),
    phone         text NOT NULL DEFAULT ''
                  CHECK (phone = '' OR (length(phone) <= 40
                                        AND phone ~ '^\+?[0-9][0-9 -]*[0-9]$')),
    email         text NOT NULL DEFAULT ''
                  CHECK (email = '' OR (length(email) <= 254
                                        AND email ~ '^[^@[:space:][:cntrl:],;<>]+@[^@[:space:][:cntrl:],;<>]+\.[^@[:space:][:cntrl:],;<>.]+$')),
    call_order    integer NOT NULL CHECK (call_order BETWEEN 1 AND 999),
    CHECK (phone <> '' OR email <> ''),
    UNIQUE (department_id, call_order),
    FOREIGN KEY (lab_id, department_id) REFERENCES department (lab_id, id) ON DELETE CASCADE
);
CREATE INDEX escalation_contact_lab_idx ON escalation_contact (lab_id, department_id, call_order);

-- A desk reads its lab's contacts; it writes none (no grant, and no policy for writes).
ALTER TABLE escalation_contact ENABLE ROW LEVEL SECURITY;
GRANT SELECT ON escalation_contact TO calloutdesk_desk;
CREATE POLICY own_lab ON escalation_contact FOR SELECT TO calloutdesk_desk
    USING (lab_id = (SELECT desk_lab_id()));
