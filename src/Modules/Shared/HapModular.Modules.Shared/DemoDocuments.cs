namespace HapModular.Modules.Shared;

/// <summary>A demo patient as the demo set needs it (the name and birth date written into the files).</summary>
/// <param name="FirstName">Given name.</param>
/// <param name="LastName">Family name.</param>
/// <param name="BirthDate">Birth date.</param>
/// <param name="Sex">M, F or X.</param>
public sealed record DemoPerson(string FirstName, string LastName, DateOnly BirthDate, string Sex);

/// <summary>One generated demo document and the metadata the hospital system would send with it.</summary>
/// <param name="FileName">File name with its extension (e.g. <c>ct-thorax-001.dcm</c>), unique within a patient's set.</param>
/// <param name="Kind">Document kind (report, imaging, device-report, photo, lab).</param>
/// <param name="Department">Department that produced it.</param>
/// <param name="Author">Author's display name.</param>
/// <param name="ClinicalDate">Clinical date.</param>
/// <param name="Content">The file's bytes.</param>
public sealed record DemoDocument(string FileName, string Kind, string Department, string Author, DateTimeOffset ClinicalDate, byte[] Content);

/// <summary>Makes the demo's documents for a demo patient (the host registers the project's generator).</summary>
public interface IDemoDocumentSource
{
    /// <summary>The documents for one patient: <paramref name="full"/> covers every viewer; otherwise a few.</summary>
    /// <param name="person">The patient.</param>
    /// <param name="full">Whether to make the whole set.</param>
    /// <returns>The documents, deterministic for the same arguments.</returns>
    IReadOnlyList<DemoDocument> For(DemoPerson person, bool full);
}
