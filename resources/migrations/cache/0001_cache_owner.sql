-- The offline cache's own schema (SPEC O1), kept beside the SQLite engine's in the same
-- file. cache_owner names the server and the person the file was made for, so a file
-- copied or renamed into another person's place is refused instead of shown to them.
CREATE TABLE cache_owner (
    id integer PRIMARY KEY CHECK (id = 1),
    server text NOT NULL,
    login text NOT NULL,
    created_on text NOT NULL
);
