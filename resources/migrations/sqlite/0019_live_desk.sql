-- The live desk (SPEC T1) listens to PostgreSQL's notifications (see the PostgreSQL
-- migration of the same number). An SQLite database is a single desk's, or the offline
-- cache, and has nobody to tell: nothing to change here.
SELECT 1;
