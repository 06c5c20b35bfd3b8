using System.Xml.Linq;

namespace HapModular.Viewers.DeviceReports.Ecg;

/// <summary>
/// The subject an HL7 aECG names: <c>subjectAssignment/subject/trialSubject</c> (its id) and its
/// <c>subjectDemographicPerson</c> (name, birth time). Trial ECGs often carry only a subject code.
/// </summary>
internal static class AecgIdentity
{
    public static FileIdentity? Read(ReadOnlyMemory<byte> data)
    {
        var subject = SafeXml.TryLoad(data)?.Root?.Descendants().FirstOrDefault(e => e.Name.LocalName == "trialSubject");
        if (subject is null)
        {
            return null;
        }

        var person = subject.Elements().FirstOrDefault(e => e.Name.LocalName == "subjectDemographicPerson");
        var name = person?.Elements().FirstOrDefault(e => e.Name.LocalName == "name");
        var family = Child(name, "family");
        var given = name?.Elements().Where(e => e.Name.LocalName == "given").Select(e => e.Value.Trim()).Where(v => v.Length > 0).Take(2).ToList() ?? [];
        var written = family is null && given.Count == 0 ? name?.Value.Trim() : string.Join('^', new[] { family ?? string.Empty }.Concat(given)).TrimEnd('^');
        var birth = person?.Elements().FirstOrDefault(e => e.Name.LocalName == "birthTime")?.Attribute("value")?.Value;
        var identity = new FileIdentity
        {
            Name = string.IsNullOrWhiteSpace(written) ? null : written,
            BirthDate = birth is { Length: >= 8 } && DateOnly.TryParseExact(birth[..8], "yyyyMMdd", out var born) ? born : null,
            Id = subject.Elements().FirstOrDefault(e => e.Name.LocalName == "id")?.Attribute("extension")?.Value,
            Source = "HL7 aECG",
        };
        return identity.IsEmpty ? null : identity;
    }

    private static string? Child(XElement? parent, string name) =>
        parent?.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value.Trim() is { Length: > 0 } v ? v : null;
}
