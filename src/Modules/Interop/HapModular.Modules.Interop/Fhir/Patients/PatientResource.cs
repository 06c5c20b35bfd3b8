using HapModular.Modules.Records.Contracts;
using Hl7.Fhir.Model;

namespace HapModular.Modules.Interop.Fhir.Patients;

/// <summary>
/// A patient as FHIR <c>Patient</c>: the portal id, name, sex and birth date. The NISS is not in it (the pages show it
/// masked only; the caller's software already has it when it searched by it).
/// </summary>
internal static class PatientResource
{
    public const string PortalIdSystem = "urn:hapmodular:patient";

    public static Patient From(PatientBanner patient) => new()
    {
        Id = FhirIds.Of(patient.PatientId),
        Identifier = [new Identifier(PortalIdSystem, FhirIds.Of(patient.PatientId)) { Use = Identifier.IdentifierUse.Secondary }],
        Name = [new HumanName { Family = patient.LastName, Given = [patient.FirstName], Use = HumanName.NameUse.Official }],
        BirthDate = patient.BirthDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        Gender = patient.Sex switch
        {
            "M" => AdministrativeGender.Male,
            "F" => AdministrativeGender.Female,
            "X" => AdministrativeGender.Other,
            _ => AdministrativeGender.Unknown,
        },
    };
}
