-- The worklist's search by a common surname within the target (SPEC U7, issue 12 point 6).
--
-- Migration 0008 found matching orders through a trigram index on bill.search_text: fast
-- for a rare name or an order number, but a surname shared by one patient in twenty
-- ("silva") made it recheck ten thousand orders on the heap, some 40 ms before any report
-- was read. Here each order's search words (its number and each word of its patient's
-- name, as folded in search_text) are rows of a narrow table under a B-tree, so the orders
-- whose word starts with the typed text are one index-only range scan.
--
-- Desks have no grant on the table (and row security without a policy, so not even a
-- grant by mistake would show it): they reach it only through desk_orders_matching,
-- which applies the order rule itself.
CREATE TABLE bill_search_word (
    lab_id  bigint NOT NULL,
    word    text COLLATE "C" NOT NULL,
    bill_id bigint NOT NULL REFERENCES bill (id) ON DELETE CASCADE,
    PRIMARY KEY (lab_id, word, bill_id)
);
CREATE INDEX bill_search_word_bill_idx ON bill_search_word (bill_id);
ALTER TABLE bill_search_word ENABLE ROW LEVEL SECURITY;

INSERT INTO bill_search_word (lab_id, word, bill_id)
SELECT DISTINCT b.lab_id, w.word, b.id
FROM bill b, regexp_split_to_table(b.search_text, ' ') AS w(word)
WHERE w.word <> '';

-- A batch of new orders (the demo, an import) writes its words in one statement.
CREATE FUNCTION bill_words_inserted() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    INSERT INTO bill_search_word (lab_id, word, bill_id)
    SELECT DISTINCT n.lab_id, w.word, n.id
    FROM new_bills n, regexp_split_to_table(n.search_text, ' ') AS w(word)
    WHERE w.word <> '';
    RETURN NULL;
END;
$$;
CREATE TRIGGER bill_words_inserted AFTER INSERT ON bill
    REFERENCING NEW TABLE AS new_bills
    FOR EACH STATEMENT EXECUTE FUNCTION bill_words_inserted();

-- A renumbered order, an order moved to another patient, a renamed patient (whose trigger
-- rewrites the orders' search_text): the order's words follow its search text.
CREATE FUNCTION bill_words_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    DELETE FROM bill_search_word WHERE bill_id = NEW.id;
    INSERT INTO bill_search_word (lab_id, word, bill_id)
    SELECT DISTINCT NEW.lab_id, w.word, NEW.id
    FROM regexp_split_to_table(NEW.search_text, ' ') AS w(word)
    WHERE w.word <> '';
    RETURN NULL;
END;
$$;
-- No column list: search_text is set by a BEFORE trigger, which an UPDATE OF list ignores.
CREATE TRIGGER bill_words_changed AFTER UPDATE ON bill
    FOR EACH ROW WHEN (OLD.search_text IS DISTINCT FROM NEW.search_text
                       OR OLD.lab_id IS DISTINCT FROM NEW.lab_id)
    EXECUTE FUNCTION bill_words_changed();

-- The critical reports of an order, for the search's step from matching orders to their
-- reports: an index-only probe per order instead of reading all its reports.
CREATE INDEX report_critical_bill_idx ON report (bill_id)
    INCLUDE (lab_id, critical_values, lab_test_id)
    WHERE NOT dismissed AND sample_collected AND critical_values IN (1, 2, 4);

-- A part of an order number ("253" finds RCL-0000253, from three characters on, as the
-- worklist on SQLite does) is looked up in a trigram index of the numbers alone: the one
-- on the whole search text (0008) made every order of a surname a candidate, and with the
-- words above nothing else needs it.
DROP INDEX bill_search_idx;
CREATE INDEX bill_number_search_idx ON bill USING gin (lower(lab_bill_id) gin_trgm_ops);

-- The orders matching the text whose critical reports the worklist may show the login:
-- those whose number, or a word of whose patient's name, starts with the text (a text of
-- several words: whose search text starts with it, or has it at a word's start), and from
-- three characters on those whose number holds it anywhere. The first word is
-- looked up in bill_search_word. Then, by the kind of login, the cheapest check that
-- keeps to the order rule of migration 0007: none for a login that sees its whole lab;
-- for a department's login, an index-only probe for a critical report of one of its
-- tests (the worklist shows only those, so the answer is the same as asking the order);
-- the order itself for an assigned doctor, a text of several words and a number's part.
CREATE OR REPLACE FUNCTION desk_orders_matching(search text) RETURNS SETOF bigint
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp ROWS 5000 AS $$
DECLARE
    lab bigint := desk_lab_id();
    whole_lab boolean := desk_sees_whole_lab();
    tests bigint[] := desk_visible_test_ids();
    doctor bigint := desk_assigned_doctor_id();
    folded text := lower(search);
    -- search is a LIKE pattern whose %, _ and \ the caller escaped; the words are plain.
    plain text := regexp_replace(folded, '\\(.)', '\1', 'g');
    first_word text COLLATE "C" := split_part(plain, ' ', 1);
    -- In code-point order ("C") the words starting with first_word are those from it up
    -- to it followed by the last code point (a noncharacter, never typed): one range of
    -- the index.
    past_words text COLLATE "C" := first_word || chr(1114111);
    several_words boolean := position(' ' IN plain) > 0;
    found bigint[];
BEGIN
    IF first_word = '' THEN
        RETURN;
    ELSIF whole_lab AND NOT several_words THEN
        found := ARRAY(
            SELECT w.bill_id FROM bill_search_word w
            WHERE w.lab_id = lab AND w.word >= first_word AND w.word < past_words);
    ELSIF doctor IS NULL AND NOT several_words THEN
        -- LATERAL … LIMIT 1: a probe per matching order, never a scan of every critical
        -- report of the lab, which a hash join would choose for a common surname.
        found := ARRAY(
            SELECT w.bill_id FROM bill_search_word w,
                LATERAL (SELECT 1 FROM report r
                         WHERE r.bill_id = w.bill_id AND r.lab_test_id = ANY (tests)
                           AND NOT r.dismissed AND r.sample_collected
                           AND r.critical_values IN (1, 2, 4)
                         LIMIT 1) AS visible
            WHERE w.lab_id = lab AND w.word >= first_word AND w.word < past_words);
    ELSE
        found := ARRAY(
            SELECT b.id FROM bill_search_word w JOIN bill b ON b.id = w.bill_id
            WHERE w.lab_id = lab AND w.word >= first_word AND w.word < past_words
              AND (whole_lab OR b.report_test_ids && tests OR b.assigned_doctor_id = doctor)
              AND (NOT several_words OR b.search_text LIKE folded || '%'
                   OR b.search_text LIKE '% ' || folded || '%'));
    END IF;
    IF length(plain) >= 3 THEN
        found := found || ARRAY(
            SELECT b.id FROM bill b
            WHERE lower(b.lab_bill_id) LIKE '%' || folded || '%' AND b.lab_id = lab
              AND (whole_lab OR b.report_test_ids && tests OR b.assigned_doctor_id = doctor));
    END IF;
    RETURN QUERY SELECT DISTINCT unnest(found);
END;
$$;
