-- An attempt says how it went and whom it tried (SPEC U9). Both are columns the database
-- checks, not only keys in critical_callout_meta: an unknown outcome is refused whichever
-- client writes it. Only an attempt (a draft) has them, and an outcome always names whom
-- it tried. Rows written before this migration have neither.
ALTER TABLE critical_callout
    ADD COLUMN attempt_outcome text
        CHECK (attempt_outcome IN ('no_answer', 'busy', 'left_message', 'wrong_number')),
    ADD COLUMN attempt_target text
        CHECK (char_length(btrim(attempt_target)) BETWEEN 1 AND 200),
    ADD COLUMN attempt_party text
        CHECK (attempt_party IN ('patient', 'referral', 'organization', 'other')),
    ADD CONSTRAINT critical_callout_attempt_is_draft
        CHECK (attempt_outcome IS NULL OR is_draft),
    ADD CONSTRAINT critical_callout_attempt_complete
        CHECK ((attempt_outcome IS NULL) = (attempt_target IS NULL)
               AND (attempt_party IS NULL OR attempt_outcome IS NOT NULL));

-- What a desk may do with the new columns (A2): the table-level SELECT and INSERT of 0006
-- cover them, and no desk may UPDATE a callout row at all, so no grant is added; the row
-- policies of 0006 ("visible", "recorded", "replaced_draft") keep confining the rows to
-- the login's lab and scope.
