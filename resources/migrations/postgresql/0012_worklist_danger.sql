-- The worklist shows the danger (SPEC U7, U11).
--
-- A part of an order number finds the order ("253" finds RCL-0000253, from three
-- characters on): the search function of migration 0014 does it, with its own index.

-- A Done row says when its order's messages wait or failed (U11), read for the rows of
-- a page by the order: only unsent messages are looked for, and only they are indexed.
CREATE INDEX notification_outbox_unsent_bill_idx ON notification_outbox (bill_id)
    WHERE state <> 'sent';

-- The index documents carry the same (IndexDocumentReader): a message sent or failed
-- sends its order to the index again. A document is replaced only by a newer version of
-- its report (E4), so the order's Done reports get one; nothing else reads row_version.
-- As the owner, so the sender needs no more rights.
CREATE FUNCTION notification_delivery_reindexes() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    UPDATE report SET row_version = row_version
    WHERE bill_id = NEW.bill_id AND critical_values = 2;
    INSERT INTO index_outbox (lab_id, scope, bill_id) VALUES (NEW.lab_id, 'bill', NEW.bill_id);
    RETURN NULL;
END;
$$;
REVOKE EXECUTE ON FUNCTION notification_delivery_reindexes() FROM PUBLIC;
CREATE TRIGGER notification_delivery_reindexes AFTER UPDATE OF state ON notification_outbox
    FOR EACH ROW
    WHEN (NEW.bill_id IS NOT NULL
          AND ((OLD.state = 'sent') IS DISTINCT FROM (NEW.state = 'sent')
               OR (OLD.state = 'failed') IS DISTINCT FROM (NEW.state = 'failed')))
    EXECUTE FUNCTION notification_delivery_reindexes();
