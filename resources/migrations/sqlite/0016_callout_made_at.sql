-- When a callout recorded offline was made (SPEC O3). See the PostgreSQL migration for
-- the why. Times are stored as the engine's other timestamps are (UTC, ISO 8601), so
-- julianday() compares them.
ALTER TABLE critical_callout ADD COLUMN made_at TEXT
    CHECK (made_at IS NULL OR julianday(made_at) <= julianday(created_on) + 2.0 / 1440);
ALTER TABLE activity_log ADD COLUMN made_at TEXT
    CHECK (made_at IS NULL OR julianday(made_at) <= julianday(activity_date) + 2.0 / 1440);
