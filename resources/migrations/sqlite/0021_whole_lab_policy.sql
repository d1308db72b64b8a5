-- The report policy of a login that sees its whole lab, in one helper call (see the
-- PostgreSQL migration of the same number). SQLite has no row-level security.
SELECT 1;
