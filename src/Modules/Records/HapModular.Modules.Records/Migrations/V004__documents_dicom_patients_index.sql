-- Which of a physician's patients hold any DICOM study: a DICOMweb search across every patient he may see (a desktop
-- viewer's study list) asks the guard, and reads the index, only for those (UidResolver.PatientsWithImagingAsync). A
-- general practitioner has hundreds of linked patients, most with no imaging at all. Expand-only: a new partial index;
-- nothing the previous release reads or writes changes.
CREATE INDEX documents_dicom_patients ON records.documents (patient_id) WHERE media_type = 'application/dicom' AND study_uid IS NOT NULL;
