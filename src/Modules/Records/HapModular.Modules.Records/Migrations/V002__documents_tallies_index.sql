-- The timeline's tallies (a patient's visible documents per kind and department, on every timeline page) read the
-- index alone: patient, kind and department as its keys (the GROUP BY's order, no sort) and the visibility columns
-- (R6: mask, author, embargo) included, so the 200 rows of a patient are not fetched from the table one by one.
-- Expand-only: a new index; nothing the previous release reads or writes changes. Built inside the migration's
-- transaction: writes to records.documents wait for it (seconds at a million documents), reads do not.
CREATE INDEX documents_tallies ON records.documents (patient_id, kind, department) INCLUDE (masked_by, author_inami, embargo_until);
