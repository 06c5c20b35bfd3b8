-- Baseline: the schema as the previous release created it at start-up, statement for statement, so that this
-- script adopts a database that release made (each statement is idempotent: IF NOT EXISTS, guarded DO blocks) and
-- builds a new one alike. Every later script is a plain versioned step that the journal runs once (README "Changing
-- a module's tables"). The schema itself is made by the host before any script (the module's role may not create
-- schemas).
CREATE TABLE IF NOT EXISTS interop.messages (
    id           uuid PRIMARY KEY,
    source       text NOT NULL,
    sender       text NOT NULL,
    message_key  text NOT NULL,
    blob_sha256  text NOT NULL,
    size         bigint NOT NULL,
    received_at  timestamptz NOT NULL,
    status       text NOT NULL,
    reason       text NULL,
    patient_id   uuid NULL,
    document_id  uuid NULL,
    attempts     int NOT NULL DEFAULT 0,
    updated_at   timestamptz NOT NULL,
    CONSTRAINT messages_key UNIQUE (source, message_key)
);
CREATE INDEX IF NOT EXISTS messages_status ON interop.messages (status, received_at DESC);
CREATE TABLE IF NOT EXISTS interop.smart_launches (
    id_hash     text PRIMARY KEY,
    client_id   text NOT NULL,
    patient_id  uuid NULL,
    created_at  timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz NULL
);
CREATE TABLE IF NOT EXISTS interop.smart_codes (
    grant_id     text PRIMARY KEY,
    redeemed_at  timestamptz NOT NULL
);
