using HapModular.Modules.Records.Contracts;
using Hl7.Fhir.Model;

namespace HapModular.Modules.Interop.Fhir.Documents;

/// <summary>
/// A document as FHIR <c>DocumentReference</c>: title as the type's text, kind as category, department as practice
/// setting, clinical date as the context period (left out when the content gave none), and the original as an
/// attachment pointing to <c>Binary/{id}</c> with its size.
/// </summary>
internal static class DocumentReferenceResource
{
    public static DocumentReference From(PatientDocument document, string fhirBase)
    {
        var id = FhirIds.Of(document.DocumentId);
        var reference = new DocumentReference
        {
            Id = id,
            Status = DocumentReferenceStatus.Current,
            DocStatus = CompositionStatus.Final,
            Type = new CodeableConcept { Text = document.Title },
            Category = [new CodeableConcept(DocumentCategories.System, document.Kind, DocumentCategories.Display.GetValueOrDefault(document.Kind, document.Kind))],
            Subject = new ResourceReference("Patient/" + FhirIds.Of(document.PatientId)),
            Date = document.IngestedAt,
            Description = document.Title,
            Content =
            [
                new DocumentReference.ContentComponent
                {
                    Attachment = new Attachment
                    {
                        ContentType = document.MediaType,
                        Url = $"{fhirBase}/Binary/{id}",
                        // R4: unsignedInt (Size would write R5's integer64, a JSON string). Documents are far below 2 GiB.
                        SizeUnsignedInt = (int)Math.Min(document.Size, int.MaxValue),
                        Title = document.FileName ?? document.Title,
                        CreationElement = document.ClinicalDateKnown ? new FhirDateTime(document.ClinicalDate) : null,
                    },
                },
            ],
            Context = new DocumentReference.ContextComponent
            {
                PracticeSetting = new CodeableConcept { Text = document.Department },
                Period = document.ClinicalDateKnown ? new Period(new FhirDateTime(document.ClinicalDate), new FhirDateTime(document.ClinicalDate)) : null,
            },
        };
        if (document.Author is { Length: > 0 } author)
        {
            reference.Author = [new ResourceReference { Display = author }];
        }

        return reference;
    }
}
