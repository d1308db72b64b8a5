-- Gate policy (SPEC U13): with the lab's gate_requires_done on (the default), the
-- always_notify gate of signing and approving (U4, A3) is passed only by a done callout
-- naming the report; an attempt ("tried, no answer") is not enough, since nobody was
-- reached. Off keeps the rule of the seeds: any recorded callout, an attempt included.
-- A lab setting like idle_lock_minutes: desks read it, only the administrator changes it
-- (desks have SELECT on lab and no UPDATE).
ALTER TABLE lab ADD COLUMN gate_requires_done boolean NOT NULL DEFAULT true;

-- A done callout writes one non-draft audit row per report it names (C3); an attempt
-- writes only the order's draft, which names no single report.
CREATE OR REPLACE FUNCTION report_signoff_needs_callout() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    requires_done boolean;
BEGIN
    IF ((NEW.is_signed AND NOT OLD.is_signed) OR (NEW.is_approved AND NOT OLD.is_approved))
       AND NEW.completed AND NEW.critical_values IN (1, 2, 4)
       AND EXISTS (SELECT 1 FROM notification_setting s
                   WHERE s.lab_id = NEW.lab_id AND s.setting_key = 'always_notify' AND s.enabled) THEN
        SELECT l.gate_requires_done INTO requires_done FROM lab l WHERE l.id = NEW.lab_id;
        IF requires_done THEN
            IF NOT EXISTS (SELECT 1 FROM critical_callout c
                           WHERE c.lab_id = NEW.lab_id AND c.lab_report_id = NEW.id
                             AND NOT c.is_draft) THEN
                RAISE EXCEPTION 'report % has a critical result and its lab calls out every one: save a done callout before it is signed or approved; an attempt is not enough', NEW.id
                    USING ERRCODE = 'check_violation';
            END IF;
        ELSIF NOT EXISTS (SELECT 1 FROM activity_log_report l
                          JOIN activity_log a ON a.id = l.activity_log_id
                          WHERE l.lab_report_id = NEW.id AND a.log_category_id = 648) THEN
            RAISE EXCEPTION 'report % has a critical result and its lab calls out every one: save a callout before it is signed or approved', NEW.id
                USING ERRCODE = 'check_violation';
        END IF;
    END IF;
    RETURN NEW;
END;
$$;
