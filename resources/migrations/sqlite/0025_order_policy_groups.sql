-- The order and patient policies in two shapes (see the PostgreSQL migration of the same
-- number). SQLite has no row-level security.
SELECT 1;
