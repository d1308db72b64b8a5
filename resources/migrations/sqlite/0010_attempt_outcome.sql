-- An attempt says how it went and whom it tried (SPEC U9). See the PostgreSQL migration
-- for the why; SQLite has no logins, so no grants or policies. SQLite adds no table
-- constraint to an existing table, so the rule over the three columns sits on the last.
ALTER TABLE critical_callout ADD COLUMN attempt_outcome TEXT
    CHECK (attempt_outcome IS NULL
           OR (attempt_outcome IN ('no_answer', 'busy', 'left_message', 'wrong_number')
               AND is_draft));
ALTER TABLE critical_callout ADD COLUMN attempt_target TEXT
    CHECK (length(trim(attempt_target)) BETWEEN 1 AND 200);
ALTER TABLE critical_callout ADD COLUMN attempt_party TEXT
    CHECK ((attempt_party IS NULL OR attempt_party IN ('patient', 'referral', 'organization',
                                                       'other'))
           AND (attempt_outcome IS NULL) = (attempt_target IS NULL)
           AND (attempt_party IS NULL OR attempt_outcome IS NOT NULL));
