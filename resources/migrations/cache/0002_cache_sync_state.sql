-- How far the offline cache has followed its server (SPEC O1): the feed watermark (the
-- server's xmin of the last read, as text), when the data was read ("data as of"), and the
-- window it was filled with. One row once filled.
CREATE TABLE cache_sync_state (
    id          integer PRIMARY KEY CHECK (id = 1),
    watermark   TEXT NOT NULL,
    data_as_of  TEXT NOT NULL,
    filled_on   TEXT NOT NULL,
    window_days INTEGER NOT NULL
) STRICT;

-- Feed rows already applied whose transaction id is not yet below the watermark (their
-- transaction was newer than the oldest one running at the read): the next read sees
-- them again and skips them.
CREATE TABLE cache_feed_seen (
    feed_id INTEGER PRIMARY KEY
) STRICT;

-- The cache mirrors what the server decided: it must be able to drop an order with its
-- completed callouts when the order leaves the person's scope or window, and a deleted
-- report must not queue index work in a file that is never indexed. The server keeps
-- these rules for the data itself.
DROP TRIGGER critical_callout_no_delete;
DROP TRIGGER report_deleted_leaves_index;

-- Replacing an order deletes its rows by order and by report: the foreign keys that point
-- at them are looked up by these columns, which the engine's schema indexes only in part.
CREATE INDEX cache_critical_callout_bill_idx ON critical_callout (bill_id);
CREATE INDEX cache_critical_callout_report_idx ON critical_callout (lab_report_id);
CREATE INDEX cache_activity_log_bill_idx ON activity_log (bill_id);
CREATE INDEX cache_activity_log_report_idx ON activity_log (lab_report_id);
CREATE INDEX cache_notification_outbox_bill_idx ON notification_outbox (bill_id);
