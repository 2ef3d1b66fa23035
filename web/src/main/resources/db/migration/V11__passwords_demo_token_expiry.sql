-- Accounts for a real course (issue 10):
--  * must_change_password: set for an initial password (roster import) and for a temporary one
--    a staff member gave (reset); the user must choose their own at the next login.
--  * demo: the accounts of the demo course (README's `./kadai serve`), whose passwords are
--    published; an instructor can remove them. Accounts seeded before this migration are
--    recognised by their names and example.edu addresses.
--  * api_tokens.expires_at: every token has an expiry chosen at creation (default 180 days);
--    tokens made before this migration expire 180 days after they were made.
ALTER TABLE users ADD COLUMN must_change_password BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE users ADD COLUMN demo BOOLEAN DEFAULT FALSE NOT NULL;
UPDATE users SET demo = TRUE
    WHERE username IN ('sensei', 'ta', 'aiko', 'kenji', 'mei') AND email = username || '@example.edu';

ALTER TABLE api_tokens ADD COLUMN expires_at TIMESTAMP WITH TIME ZONE;
UPDATE api_tokens SET expires_at = created_at + INTERVAL '180' DAY;
ALTER TABLE api_tokens ALTER COLUMN expires_at SET NOT NULL;
