-- Baseline: the schema as the previous release created it at start-up, statement for statement, so that this
-- script adopts a database that release made (each statement is idempotent: IF NOT EXISTS, guarded DO blocks) and
-- builds a new one alike. Every later script is a plain versioned step that the journal runs once (README "Changing
-- a module's tables"). The schema itself is made by the host before any script (the module's role may not create
-- schemas).
-- Run as the database owner (the module does not own its schema): the module's role may only INSERT and SELECT
-- (granted by the host after every start), and a trigger refuses UPDATE, DELETE and TRUNCATE from anyone.
CREATE TABLE IF NOT EXISTS audit.records (
    seq              bigint PRIMARY KEY,
    at               timestamptz NOT NULL,
    action           text NOT NULL,
    outcome          text NOT NULL,
    actor_user_id    uuid NULL,
    actor_name       text NULL,
    actor_inami      text NULL,
    client_address   text NULL,
    patient_id       uuid NULL,
    document_id      uuid NULL,
    document_title   text NULL,
    purpose          text NULL,
    reason           text NULL,
    link_or_grant_id uuid NULL,
    prev_hash        text NOT NULL,
    hash             text NOT NULL
);
ALTER TABLE audit.records ADD COLUMN IF NOT EXISTS key_id text NULL;
CREATE INDEX IF NOT EXISTS records_patient_at ON audit.records (patient_id, at) WHERE patient_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS records_actor_at ON audit.records (actor_user_id, at) WHERE actor_user_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS records_link_or_grant ON audit.records (link_or_grant_id) WHERE link_or_grant_id IS NOT NULL;
CREATE OR REPLACE FUNCTION audit.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit.records is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE OR REPLACE TRIGGER records_append_only BEFORE UPDATE OR DELETE ON audit.records FOR EACH ROW EXECUTE FUNCTION audit.refuse_change();
CREATE OR REPLACE TRIGGER records_no_truncate BEFORE TRUNCATE ON audit.records FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_change();
