-- The imaging workspace's study list and first image read a few attributes of each instance (InstanceSummary), kept
-- beside its DICOM JSON when the instance is indexed, instead of every instance's whole metadata at every opening.
-- Expand-only: nullable columns the previous release neither reads nor writes. summary_of is the content (sha256) the
-- columns describe: a row the previous release indexes or re-indexes during a rolling upgrade has no summary, or one
-- of other content (summary_of <> sha256), and the workspace then reads that row's metadata, as before.
ALTER TABLE records.dicom_instances
    ADD COLUMN study_date text NULL,
    ADD COLUMN study_description text NULL,
    ADD COLUMN modality text NULL,
    ADD COLUMN series_number integer NULL,
    ADD COLUMN instance_number integer NULL,
    ADD COLUMN frames integer NULL,
    ADD COLUMN summary_of text NULL;

-- The rows indexed before, from their metadata, with the workspace's own reading (DicomJson): the first value as text,
-- "" when absent; an integer only when the text is one (else 0); at least one frame. In a transaction of its own with
-- the columns: on a large archive this UPDATE is the migration's cost (one JSON parse per indexed instance).
UPDATE records.dicom_instances i SET
    study_date = COALESCE(s.study_date, ''),
    study_description = COALESCE(s.study_description, ''),
    modality = COALESCE(s.modality, ''),
    series_number = CASE WHEN s.series_number ~ '^\s*[-+]?[0-9]{1,18}\s*$'
        THEN CASE WHEN trim(s.series_number)::bigint BETWEEN -2147483648 AND 2147483647 THEN trim(s.series_number)::integer ELSE 0 END
        ELSE 0 END,
    instance_number = CASE WHEN s.instance_number ~ '^\s*[-+]?[0-9]{1,18}\s*$'
        THEN CASE WHEN trim(s.instance_number)::bigint BETWEEN -2147483648 AND 2147483647 THEN trim(s.instance_number)::integer ELSE 0 END
        ELSE 0 END,
    frames = GREATEST(1, CASE WHEN s.frames ~ '^\s*[-+]?[0-9]{1,18}\s*$'
        THEN CASE WHEN trim(s.frames)::bigint BETWEEN -2147483648 AND 2147483647 THEN trim(s.frames)::integer ELSE 0 END
        ELSE 0 END),
    summary_of = i.sha256
FROM (
    SELECT document_id,
        m #>> '{00080020,Value,0}' AS study_date,
        m #>> '{00081030,Value,0}' AS study_description,
        m #>> '{00080060,Value,0}' AS modality,
        m #>> '{00200011,Value,0}' AS series_number,
        m #>> '{00200013,Value,0}' AS instance_number,
        m #>> '{00280008,Value,0}' AS frames
    FROM (SELECT document_id, metadata::jsonb AS m FROM records.dicom_instances WHERE metadata IS NOT NULL) j
) s
WHERE i.document_id = s.document_id;
