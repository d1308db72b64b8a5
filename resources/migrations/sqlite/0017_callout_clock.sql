-- The callout clock (SPEC T2). See the PostgreSQL migration for the why. SQLite cannot
-- add a table constraint to an existing table, so the warning-before-target rule is a
-- trigger.
ALTER TABLE lab ADD COLUMN callout_target_minutes INTEGER NOT NULL DEFAULT 60
    CHECK (callout_target_minutes BETWEEN 1 AND 1440);
ALTER TABLE lab ADD COLUMN callout_warning_minutes INTEGER NOT NULL DEFAULT 30
    CHECK (callout_warning_minutes BETWEEN 1 AND 1440);
CREATE TRIGGER lab_callout_warning_before_target
    BEFORE UPDATE OF callout_target_minutes, callout_warning_minutes ON lab
    FOR EACH ROW WHEN NEW.callout_warning_minutes >= NEW.callout_target_minutes
BEGIN
    SELECT RAISE(ABORT, 'callout_warning_minutes must be less than callout_target_minutes');
END;
