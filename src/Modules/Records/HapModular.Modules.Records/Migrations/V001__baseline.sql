-- Baseline: the schema as the previous release created it at start-up, statement for statement, so that this
-- script adopts a database that release made (each statement is idempotent: IF NOT EXISTS, guarded DO blocks) and
-- builds a new one alike. Every later script is a plain versioned step that the journal runs once (README "Changing
-- a module's tables"). The schema itself is made by the host before any script (the module's role may not create
-- schemas).
CREATE TABLE IF NOT EXISTS records.documents (
    id                   uuid PRIMARY KEY,
    patient_id           uuid NOT NULL,
    title                text NOT NULL,
    kind                 text NOT NULL,
    clinical_date        timestamptz NOT NULL,
    department           text NOT NULL,
    author               text NULL,
    media_type           text NOT NULL,
    size                 bigint NOT NULL,
    sha256               text NOT NULL,
    file_name            text NULL,
    source_system        text NOT NULL,
    source_id            text NOT NULL,
    study_uid            text NULL,
    series_uid           text NULL,
    instance_uid         text NULL,
    sop_class_uid        text NULL,
    modality             text NULL,
    series_description   text NULL,
    masked_by            text NULL,
    embargo_category     text NULL,
    embargo_until        timestamptz NULL,
    thumbnail_sha256     text NULL,
    thumbnail_media_type text NULL,
    ingested_at          timestamptz NOT NULL,
    CONSTRAINT documents_source UNIQUE (source_system, source_id)
);
-- Added after the first release: ALTER keeps existing databases (CREATE TABLE IF NOT EXISTS would not).
ALTER TABLE records.documents ADD COLUMN IF NOT EXISTS author_inami text NULL;
-- ---- Issue 11 (filefix): clinical date known or not, and the patient the file itself names. ----
-- clinical_date stays the timeline position (NOT NULL, indexed); when the content gives no date it holds the
-- ingestion time and clinical_date_known is false, so the page says "date unknown" instead of inventing one.
ALTER TABLE records.documents ADD COLUMN IF NOT EXISTS clinical_date_known boolean NOT NULL DEFAULT true;
ALTER TABLE records.documents ADD COLUMN IF NOT EXISTS file_patient_name text NULL;
ALTER TABLE records.documents ADD COLUMN IF NOT EXISTS file_patient_birth_date date NULL;
ALTER TABLE records.documents ADD COLUMN IF NOT EXISTS file_patient_id text NULL;
ALTER TABLE records.documents ADD COLUMN IF NOT EXISTS file_identity_source text NULL;
-- 'match' | 'mismatch' at ingestion (NULL: the file names nobody); the desk lists the mismatches.
ALTER TABLE records.documents ADD COLUMN IF NOT EXISTS identity_check text NULL;
CREATE INDEX IF NOT EXISTS documents_identity_mismatch ON records.documents (ingested_at DESC) WHERE identity_check = 'mismatch';
-- ---- end issue 11 ----
CREATE TABLE IF NOT EXISTS records.document_mask_changes (
    seq                bigserial PRIMARY KEY,
    document_id        uuid NOT NULL,
    patient_id         uuid NOT NULL,
    masked             boolean NOT NULL,
    origin             text NOT NULL,
    actor_user_id      uuid NOT NULL,
    actor_name         text NOT NULL,
    request_reference  text NULL,
    at                 timestamptz NOT NULL
);
CREATE TABLE IF NOT EXISTS records.embargo_categories (
    category  text PRIMARY KEY,
    days      int NOT NULL
);
CREATE INDEX IF NOT EXISTS document_mask_changes_patient ON records.document_mask_changes (patient_id, seq DESC);
CREATE INDEX IF NOT EXISTS documents_timeline ON records.documents (patient_id, clinical_date DESC, id DESC);
CREATE INDEX IF NOT EXISTS documents_series ON records.documents (patient_id, series_uid, clinical_date DESC, id DESC) WHERE series_uid IS NOT NULL;
CREATE TABLE IF NOT EXISTS records.source_systems (
    name       text PRIMARY KEY,
    key_hash   text NOT NULL UNIQUE,
    created_at timestamptz NOT NULL
);
-- The DICOMweb index: each DICOM document's metadata as DICOM JSON, and the UID indexes that map a study or instance
-- to its patient.
CREATE TABLE IF NOT EXISTS records.dicom_instances (
    document_id  uuid PRIMARY KEY,
    sha256       text NOT NULL,
    metadata     text NULL,
    problem      text NULL,
    indexed_at   timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_study_uid ON records.documents (study_uid) WHERE study_uid IS NOT NULL;
CREATE INDEX IF NOT EXISTS documents_instance_uid ON records.documents (instance_uid) WHERE instance_uid IS NOT NULL;
