-- Baseline: the schema as the previous release created it at start-up, statement for statement, so that this
-- script adopts a database that release made (each statement is idempotent: IF NOT EXISTS, guarded DO blocks) and
-- builds a new one alike. Every later script is a plain versioned step that the journal runs once (README "Changing
-- a module's tables"). The schema itself is made by the host before any script (the module's role may not create
-- schemas).
-- Which demo seeders already ran in this database (DemoSeedMarkers), on the owner's connection: no module role may
-- write it.
CREATE TABLE IF NOT EXISTS host.demo_seeds (seeder text PRIMARY KEY, version int NOT NULL, seeded_at timestamptz NOT NULL);
