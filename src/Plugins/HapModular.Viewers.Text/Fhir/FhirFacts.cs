using System.Globalization;
using System.Text.Json;

namespace HapModular.Viewers.Text.Fhir;

/// <summary>
/// What a FHIR resource says of itself: its kind by code (LOINC document codes, HL7 v2 section codes, the observation
/// category) and the patient it names — a Patient resource in a bundle or contained, else the subject's display name.
/// </summary>
internal static class FhirFacts
{
    public static string? Kind(JsonElement r)
    {
        var codings = new[] { "type", "code" }.Select(n => FhirJson.Obj(r, n)).OfType<JsonElement>()
            .Concat(FhirJson.Array(r, "category"))
            .SelectMany(c => FhirJson.Array(c, "coding"))
            .Select(c => (System: FhirJson.Str(c, "system"), Code: FhirJson.Str(c, "code")))
            .ToList();
        foreach (var (system, code) in codings)
        {
            var kind = system switch
            {
                LoincKinds.System => LoincKinds.OfLoinc(code),
                "http://terminology.hl7.org/CodeSystem/v2-0074" => LoincKinds.OfSection(code),
                "http://terminology.hl7.org/CodeSystem/observation-category" when code == "laboratory" => DocumentKindNames.Lab,
                _ => null,
            };
            if (kind is not null)
            {
                return kind;
            }
        }

        return null;
    }

    public static FileIdentity? Identity(JsonElement root, JsonElement resource)
    {
        var patient = Patients(root).FirstOrDefault();
        if (patient.ValueKind == JsonValueKind.Object)
        {
            var name = FhirJson.Array(patient, "name").FirstOrDefault();
            var family = FhirJson.Str(name, "family");
            var given = FhirJson.Array(name, "given").Where(g => g.ValueKind == JsonValueKind.String).Select(g => g.GetString()!).Take(2);
            var written = string.Join('^', new[] { family ?? string.Empty }.Concat(given)).TrimEnd('^');
            var identity = new FileIdentity
            {
                Name = written.Length > 0 ? written : FhirJson.Str(name, "text"),
                BirthDate = DateOnly.TryParseExact(FhirJson.Str(patient, "birthDate"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var born) ? born : null,
                Id = FhirJson.Array(patient, "identifier").Select(i => FhirJson.Str(i, "value")).FirstOrDefault(v => v is not null),
                Source = "FHIR Patient",
            };
            return identity.IsEmpty ? null : identity;
        }

        // Only the subject's display name: no birth date, no identifier to compare.
        var subject = FhirJson.Obj(resource, "subject") ?? FhirJson.Obj(resource, "patient");
        return subject is { } s && FhirJson.Str(s, "display") is { Length: > 0 } display ? new FileIdentity { Name = display, Source = "FHIR subject" } : null;
    }

    private static IEnumerable<JsonElement> Patients(JsonElement root)
    {
        if (FhirJson.Str(root, "resourceType") == "Patient")
        {
            yield return root;
        }

        foreach (var e in FhirJson.Array(root, "entry").Select(e => FhirJson.Obj(e, "resource")).OfType<JsonElement>().Concat(FhirJson.Array(root, "contained")))
        {
            if (FhirJson.Str(e, "resourceType") == "Patient")
            {
                yield return e;
            }
        }
    }
}
