-- Offline sign-in (SPEC O5): what the person proved to the server the last time they
-- signed in on this desk while online. Never the password: an Argon2id hash of it with a
-- random salt, in libargon2's encoded form (parameters, salt and hash in one string), and
-- who the person is, so the desk can open for them while the server is out of reach.
-- One row: the file belongs to one login (cache_owner).
CREATE TABLE offline_credential (
    id integer PRIMARY KEY CHECK (id = 1),
    login text NOT NULL,
    password_hash text NOT NULL CHECK (instr(password_hash, 'argon2id') = 2),
    session_kind text NOT NULL CHECK (session_kind IN ('doctor_departments',
        'doctor_assigned_bills', 'labuser_session_departments', 'labuser_linked_departments',
        'support')),
    lab_id integer NOT NULL CHECK (lab_id > 0),
    user_id integer NOT NULL CHECK (user_id > 0),
    user_name text NOT NULL,
    department_ids text NOT NULL,
    kept_on text NOT NULL
);
