-- The lab's offline window (SPEC O1). The PostgreSQL migration of the same number adds the
-- change feed the desks' caches are refreshed from; an SQLite database is itself a single
-- desk's, or the cache, and needs no feed.
ALTER TABLE lab ADD COLUMN offline_window_days INTEGER NOT NULL DEFAULT 30
    CHECK (offline_window_days BETWEEN 1 AND 3650);
