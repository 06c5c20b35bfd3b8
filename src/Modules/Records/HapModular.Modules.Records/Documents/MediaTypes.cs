namespace HapModular.Modules.Records.Documents;

/// <summary>The media types the record recognises from a document's bytes.</summary>
internal static class MediaTypes
{
    public const string Pdf = "application/pdf";
    public const string Jpeg = "image/jpeg";
    public const string Png = "image/png";
    public const string Heic = "image/heic";
    public const string Heif = "image/heif";
    public const string Dicom = "application/dicom";
    public const string Cda = "application/hl7-cda+xml";
    public const string Aecg = "application/hl7-aecg+xml";
    public const string Xml = "application/xml";
    public const string Hl7V2 = "application/hl7-v2";
    public const string FhirJson = "application/fhir+json";
    public const string Json = "application/json";
    public const string ScpEcg = "application/scp-ecg";
    public const string ContecEcg = "application/x-contec-ecg";
    public const string Csv = "text/csv";
    public const string PlainText = "text/plain";
    public const string Html = "text/html";
    public const string Unknown = "application/octet-stream";
}
