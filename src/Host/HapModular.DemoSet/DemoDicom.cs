using System.Globalization;
using HapModular.Dicom;
using HapModular.Dicom.Writing;

namespace HapModular.DemoSet;

/// <summary>The patient and study attributes every generated DICOM file carries (ISO-IR 100 for accented names).</summary>
internal static class DemoDicom
{
    public static DicomDatasetBuilder Patient(DemoPerson person, DateTimeOffset date) => new DicomDatasetBuilder()
        .Add(new DicomTag(0x0008, 0x0005), "ISO_IR 100")
        .Add(new DicomTag(0x0008, 0x0020), date.ToString("yyyyMMdd", CultureInfo.InvariantCulture))
        .Add(new DicomTag(0x0008, 0x0030), date.ToString("HHmmss", CultureInfo.InvariantCulture))
        .Add(new DicomTag(0x0008, 0x0050), "DEMO" + date.ToString("yyMMddHH", CultureInfo.InvariantCulture))
        .Add(new DicomTag(0x0008, 0x0080), "CHU Ambroise Paré (démo)")
        .Add(new DicomTag(0x0008, 0x0090), "MARTIN^CLAIRE")
        .Add(new DicomTag(0x0010, 0x0010), person.LastName.ToUpperInvariant() + "^" + person.FirstName)
        .Add(new DicomTag(0x0010, 0x0020), "DEMO-" + person.BirthDate.ToString("yyyyMMdd", CultureInfo.InvariantCulture))
        .Add(new DicomTag(0x0010, 0x0030), person.BirthDate.ToString("yyyyMMdd", CultureInfo.InvariantCulture))
        .Add(new DicomTag(0x0010, 0x0040), person.Sex is "M" or "F" ? person.Sex : "O")
        .Add(new DicomTag(0x0020, 0x0010), "1");
}
