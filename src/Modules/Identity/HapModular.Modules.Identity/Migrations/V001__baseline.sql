-- Baseline: the schema as the previous release created it at start-up, statement for statement, so that this
-- script adopts a database that release made (each statement is idempotent: IF NOT EXISTS, guarded DO blocks) and
-- builds a new one alike. Every later script is a plain versioned step that the journal runs once (README "Changing
-- a module's tables"). The schema itself is made by the host before any script (the module's role may not create
-- schemas).
-- The data-protection key ring (PostgresXmlRepository): every host behind the proxy reads the same keys.
CREATE TABLE IF NOT EXISTS identity.data_protection_keys (
    name text PRIMARY KEY, xml text NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
