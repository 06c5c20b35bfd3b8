using System.Xml.Linq;

namespace HapModular.Viewers.Text.Cda;

/// <summary>The patient a CDA names (<c>recordTarget/patientRole</c>) and its kind by its LOINC document code.</summary>
internal static class CdaFacts
{
    public static FileIdentity? Identity(XElement root)
    {
        var role = Path(root, "recordTarget", "patientRole");
        var patient = Path(role, "patient");
        var name = Path(patient, "name");
        var family = name?.Elements().FirstOrDefault(e => e.Name.LocalName == "family")?.Value.Trim();
        var given = name?.Elements().Where(e => e.Name.LocalName == "given").Select(e => e.Value.Trim()).Where(v => v.Length > 0).Take(2).ToList() ?? [];
        var written = family is null && given.Count == 0 ? name?.Value.Trim() : string.Join('^', new[] { family ?? string.Empty }.Concat(given)).TrimEnd('^');
        var birth = Path(patient, "birthTime")?.Attribute("value")?.Value;
        var identity = new FileIdentity
        {
            Name = string.IsNullOrWhiteSpace(written) ? null : written,
            BirthDate = birth is { Length: >= 8 } && Hl7Time.TryParse(birth, out var born, out _) ? DateOnly.FromDateTime(born.DateTime) : null,
            Id = role?.Elements().FirstOrDefault(e => e.Name.LocalName == "id")?.Attribute("extension")?.Value,
            Source = "CDA recordTarget",
        };
        return identity.IsEmpty ? null : identity;
    }

    public static string? Kind(XElement root)
    {
        var code = root.Elements().FirstOrDefault(e => e.Name.LocalName == "code");
        return code?.Attribute("codeSystem")?.Value == LoincKinds.Oid ? LoincKinds.OfLoinc(code.Attribute("code")?.Value) : null;
    }

    private static XElement? Path(XElement? from, params string[] names)
    {
        foreach (var name in names)
        {
            from = from?.Elements().FirstOrDefault(e => e.Name.LocalName == name);
        }

        return from;
    }
}
