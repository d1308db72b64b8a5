-- The order and the patient as the person saw them when they recorded a callout offline
-- (SPEC O3), so "Needs attention" can name them without the server and without a filled
-- cache. Entries kept before this migration show the order's id only.
ALTER TABLE offline_journal ADD COLUMN order_number TEXT NOT NULL DEFAULT '';
ALTER TABLE offline_journal ADD COLUMN patient_name TEXT NOT NULL DEFAULT '';
