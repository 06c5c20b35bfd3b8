using System.Globalization;
using HapModular.Dicom;
using HapModular.Modules.Interop.Inbox;
using HapModular.Modules.Records.Contracts;

namespace HapModular.Modules.Interop.Dicom;

/// <summary>
/// A kept Part 10 file as a filing request: Patient ID (a valid NISS, else the hospital's patient id), the family
/// name from Patient's Name, the birth date. Source id = SOP Instance UID, so a resend or a second PACS sending the
/// same instance files it once.
/// </summary>
internal sealed class DicomInboundParser : IInboundParser
{
    public string Source => InboundSources.Dicom;

    public FileInboundDocument ToFiling(InboundMessage message, ReadOnlyMemory<byte> raw)
    {
        var ds = DicomFile.Read(raw).Dataset;
        var id = ds.GetString(DicomTags.PatientId)?.Trim();
        var niss = id is not null && SharedKernel.Niss.TryParse(id, out _, out _) ? id : null;
        // PN: family^given^middle^prefix^suffix, with "=" before ideographic and phonetic forms.
        var name = (ds.GetString(DicomTags.PatientName) ?? string.Empty).Split('=')[0].Split('^');
        var patient = new InboundPatient(niss, niss is null ? id : null, name[0].Trim(), name.ElementAtOrDefault(1)?.Trim(), BirthDate(ds.GetString(DicomTags.PatientBirthDate)));
        return new FileInboundDocument("dicom", message.MessageKey, patient, raw, new InboundDetails(FileName: message.MessageKey + ".dcm"));
    }

    /// <summary>DA (YYYYMMDD). Present but unreadable: a date no patient has, so the identity check holds the file.</summary>
    private static DateOnly? BirthDate(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null
        : DateOnly.TryParseExact(text.Trim(), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date
        : DateOnly.MinValue;
}
