-- Gate policy (SPEC U13). See the PostgreSQL migration for the why.
ALTER TABLE lab ADD COLUMN gate_requires_done INTEGER NOT NULL DEFAULT 1
    CHECK (gate_requires_done IN (0, 1));

DROP TRIGGER report_signoff_needs_callout;
CREATE TRIGGER report_signoff_needs_callout BEFORE UPDATE OF is_signed, is_approved ON report
    FOR EACH ROW WHEN ((NEW.is_signed AND NOT OLD.is_signed)
                       OR (NEW.is_approved AND NOT OLD.is_approved))
        AND NEW.completed AND NEW.critical_values IN (1, 2, 4)
        AND EXISTS (SELECT 1 FROM notification_setting s
                    WHERE s.lab_id = NEW.lab_id AND s.setting_key = 'always_notify' AND s.enabled)
        AND NOT EXISTS (SELECT 1 FROM lab l WHERE l.id = NEW.lab_id AND l.gate_requires_done)
        AND NOT EXISTS (SELECT 1 FROM activity_log_report l
                        JOIN activity_log a ON a.id = l.activity_log_id
                        WHERE l.lab_report_id = NEW.id AND a.log_category_id = 648)
BEGIN
    SELECT RAISE(ABORT, 'the report has a critical result and its lab calls out every one: save a callout before it is signed or approved');
END;
CREATE TRIGGER report_signoff_needs_done_callout BEFORE UPDATE OF is_signed, is_approved ON report
    FOR EACH ROW WHEN ((NEW.is_signed AND NOT OLD.is_signed)
                       OR (NEW.is_approved AND NOT OLD.is_approved))
        AND NEW.completed AND NEW.critical_values IN (1, 2, 4)
        AND EXISTS (SELECT 1 FROM notification_setting s
                    WHERE s.lab_id = NEW.lab_id AND s.setting_key = 'always_notify' AND s.enabled)
        AND EXISTS (SELECT 1 FROM lab l WHERE l.id = NEW.lab_id AND l.gate_requires_done)
        AND NOT EXISTS (SELECT 1 FROM critical_callout c
                        WHERE c.lab_id = NEW.lab_id AND c.lab_report_id = NEW.id
                          AND NOT c.is_draft)
BEGIN
    SELECT RAISE(ABORT, 'the report has a critical result and its lab calls out every one: save a done callout before it is signed or approved; an attempt is not enough');
END;
