-- Cheaper assignment checks in the row-level security policies (see the PostgreSQL
-- migration of the same number). SQLite has no row-level security.
SELECT 1;
