-- The worklist shows the danger (SPEC U7, U11). See the PostgreSQL migration for the why;
-- SQLite searches a part of an order number without an index (SqlWorklistSource).
CREATE INDEX notification_outbox_unsent_bill_idx ON notification_outbox (bill_id)
    WHERE state <> 'sent';

CREATE TRIGGER notification_delivery_reindexes AFTER UPDATE OF state ON notification_outbox
    FOR EACH ROW
    WHEN NEW.bill_id IS NOT NULL
         AND ((OLD.state = 'sent') IS NOT (NEW.state = 'sent')
              OR (OLD.state = 'failed') IS NOT (NEW.state = 'failed'))
BEGIN
    UPDATE report SET row_version = row_version + 1
    WHERE bill_id = NEW.bill_id AND critical_values = 2;
    INSERT INTO index_outbox (lab_id, scope, bill_id) VALUES (NEW.lab_id, 'bill', NEW.bill_id);
END;
