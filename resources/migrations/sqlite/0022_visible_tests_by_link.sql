-- The login's visible tests read through its link (see the PostgreSQL migration of the
-- same number). SQLite has no row-level security.
SELECT 1;
