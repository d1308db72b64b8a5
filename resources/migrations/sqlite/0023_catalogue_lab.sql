-- The catalogue's lab for its row-level security policies (see the PostgreSQL migration of
-- the same number). SQLite has no row-level security, and nothing here reads the column.
SELECT 1;
