-- The report's lab and test on its values, for their row-level security policies (see the
-- PostgreSQL migration of the same number). SQLite has no row-level security, and nothing
-- here reads the columns.
SELECT 1;
