-- The callout clock (SPEC T2): how long after a report's result time its critical result
-- must have been called out (callout_target_minutes, 60 by default: CLSI GP47 and most
-- accreditation bodies say within an hour) and when the desk starts warning
-- (callout_warning_minutes, 30). Lab settings like idle_lock_minutes: desks read them,
-- only the administrator changes them (desks have SELECT on lab and no UPDATE). A warning
-- after the target would never show, so the database refuses it.
ALTER TABLE lab
    ADD COLUMN callout_target_minutes integer NOT NULL DEFAULT 60
        CHECK (callout_target_minutes BETWEEN 1 AND 1440),
    ADD COLUMN callout_warning_minutes integer NOT NULL DEFAULT 30
        CHECK (callout_warning_minutes BETWEEN 1 AND 1440),
    ADD CONSTRAINT lab_callout_warning_before_target
        CHECK (callout_warning_minutes < callout_target_minutes);
