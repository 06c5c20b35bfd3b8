-- Baseline: the schema as the previous release created it at start-up, statement for statement, so that this
-- script adopts a database that release made (each statement is idempotent: IF NOT EXISTS, guarded DO blocks) and
-- builds a new one alike. Every later script is a plain versioned step that the journal runs once (README "Changing
-- a module's tables"). The schema itself is made by the host before any script (the module's role may not create
-- schemas).
-- One letter row per notice event (unique event_key): a duplicated notice or a retried job can never make a second
-- letter. No NISS is stored; the access code only as a hash.
CREATE TABLE IF NOT EXISTS notifications.letters (
    id           uuid PRIMARY KEY,
    event_key    text NOT NULL UNIQUE,
    kind         text NOT NULL,
    patient_id   uuid NOT NULL,
    notice       jsonb NOT NULL,
    created_at   timestamptz NOT NULL,
    rendered_at  timestamptz NULL,
    batch_date   date NULL,
    language     text NULL,
    pdf          bytea NULL,
    emailed_at   timestamptz NULL
);
CREATE INDEX IF NOT EXISTS letters_batch_date ON notifications.letters (batch_date) WHERE batch_date IS NOT NULL;
-- job_id: the last rendering job queued; completed_at: the job finished (rendered, e-mailed if agreed). The
-- sweep looks only at letters not completed, so the partial index stays as small as the backlog.
ALTER TABLE notifications.letters ADD COLUMN IF NOT EXISTS job_id text NULL;
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM information_schema.columns
                   WHERE table_schema = 'notifications' AND table_name = 'letters' AND column_name = 'completed_at') THEN
        ALTER TABLE notifications.letters ADD COLUMN completed_at timestamptz NULL;
        -- Letters rendered before the sweep existed were finished by their job: the sweep must not redo them.
        UPDATE notifications.letters SET completed_at = coalesce(emailed_at, rendered_at) WHERE pdf IS NOT NULL;
    END IF;
END $$;
CREATE INDEX IF NOT EXISTS letters_open ON notifications.letters (created_at) WHERE completed_at IS NULL;
CREATE TABLE IF NOT EXISTS notifications.access_codes (
    letter_id   uuid PRIMARY KEY,
    patient_id  uuid NOT NULL,
    purpose     text NOT NULL,
    code_hash   text NOT NULL UNIQUE,
    expires_at  timestamptz NOT NULL
);
-- A stolen letter gives its code; the birth date is then the only secret (about 36,500 guesses): wrong birth
-- dates are counted per code and lock it for a while (AccessCodeLockout).
ALTER TABLE notifications.access_codes ADD COLUMN IF NOT EXISTS failed_attempts integer NOT NULL DEFAULT 0;
ALTER TABLE notifications.access_codes ADD COLUMN IF NOT EXISTS locked_until timestamptz NULL;
-- Queued e-mails, one row per idempotency key; the body is erased once delivered.
CREATE TABLE IF NOT EXISTS notifications.email_outbox (
    id uuid PRIMARY KEY,
    idempotency_key text NOT NULL UNIQUE,
    recipient text NOT NULL,
    subject text NOT NULL,
    text_body text,
    html_body text,
    attachment_name text,
    attachment_type text,
    attachment bytea,
    queued_at timestamptz NOT NULL,
    sent_at timestamptz,
    attempts int NOT NULL DEFAULT 0);
