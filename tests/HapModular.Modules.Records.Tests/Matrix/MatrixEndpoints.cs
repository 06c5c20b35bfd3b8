using System.Globalization;

namespace HapModular.Modules.Records.Tests.Matrix;

/// <summary>
/// Every patient-scoped URL shape a physician's browser can ask for: the pages and endpoints that send an
/// <c>IPatientScoped</c> request (GetTimeline: timeline, filters, search, counts, paging, photo compare; ViewDocument
/// and GetStudySeries: the document page and its series strip; RenderDocument: render targets incl. DICOM frames and
/// the JSON meta; GetDocumentThumbnail; DownloadDocument). <c>/desk/access-report</c> (staff only) and the patient's
/// own report are not physicians' URLs. Template holes: {p} patient, {photo}/{ct} the document (replaced by the
/// Records situations' document), {photo2}, {cursor}.
/// </summary>
internal static class MatrixEndpoints
{
    public static readonly IReadOnlyList<MatrixEndpoint> All =
    [
        new("timeline (header, counts per kind)", "/patients/{p}", false, Page("ARTOIS", "Tous les types (")),
        new("timeline filtered by kind, department, period, search text", "/patients/{p}?kind=photo&department=Cardiologie&from=2000-01-01&to=2099-12-31&q=hopper", false, Page("ARTOIS")),
        new("timeline older page (cursor)", "/patients/{p}?after={cursor}", false, Page("ARTOIS")),
        new("photo compare", "/patients/{p}/photos/compare", false, Page("ARTOIS")),
        new("imaging workspace (banner, study list)", "/patients/{p}/imaging", false, Page("ARTOIS", "id=\"imaging-workspace\"")),
        new("photo compare with two photos", "/patients/{p}/photos/compare?before={photo}&after={photo2}", false, Page("hap-photo-compare")),
        new("document page (photo)", "/patients/{p}/documents/{photo}", true, Page("data-document-id=\"{photo}\"")),
        new("document page (DICOM, with series strip)", "/patients/{p}/documents/{ct}", true, Page("data-document-id=\"{ct}\"")),
        new("thumbnail", "/patients/{p}/documents/{photo}/thumbnail", true, Binary("image/")),
        new("render target view", "/patients/{p}/documents/{photo}/render/view", true, Binary(string.Empty)),
        new("render target image (compare)", "/patients/{p}/documents/{photo}/render/image?max=2048", true, Binary("image/")),
        new("DICOM frame", "/patients/{p}/documents/{ct}/render/frame?frame=1", true, Binary("image/png")),
        new("DICOM meta (JSON)", "/patients/{p}/documents/{ct}/render/meta", true, Binary("application/json")),
        new("download (photo)", "/patients/{p}/documents/{photo}/download", true, Binary("image/jpeg")),
        new("download (DICOM)", "/patients/{p}/documents/{ct}/download", true, Binary("application/dicom")),
    ];

    public static TheoryData<string> Names
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var endpoint in All)
            {
                data.Add(endpoint.Name);
            }

            return data;
        }
    }

    public static MatrixEndpoint Get(string name) => All.Single(e => e.Name == name);

    // Every allowed page carries the one patient banner (issue 12).
    private static Func<Answer, PatientFiles, string?> Page(params string[] expected) => (answer, files) =>
        answer.ContentType?.StartsWith("text/html", StringComparison.Ordinal) != true ? "not HTML: " + answer.ContentType
        : expected.Append("class=\"patient-banner\"").Select(e => Fill(e, files, null)).FirstOrDefault(e => !answer.Body.Contains(e, StringComparison.Ordinal)) is { } missing ? "missing " + missing
        : null;

    private static Func<Answer, PatientFiles, string?> Binary(string mediaType) => (answer, _) =>
        answer.ContentType?.StartsWith(mediaType, StringComparison.Ordinal) != true ? "content type " + answer.ContentType
        : answer.Length == 0 ? "empty"
        : null;

    internal static string Fill(string template, PatientFiles files, Guid? patient, Guid? document = null) => template
        .Replace("{p}", (patient ?? files.Id).ToString(), StringComparison.Ordinal)
        .Replace("{photo2}", files.Photo2.ToString(), StringComparison.Ordinal)
        .Replace("{photo}", (document ?? files.Photo).ToString(), StringComparison.Ordinal)
        .Replace("{ct}", (document ?? files.Ct).ToString(), StringComparison.Ordinal)
        .Replace("{cursor}", string.Create(CultureInfo.InvariantCulture, $"{new DateTimeOffset(2099, 1, 1, 0, 0, 0, TimeSpan.Zero).UtcTicks}_{files.Photo:N}"), StringComparison.Ordinal);
}

/// <summary>A URL shape; <paramref name="Content"/> says what is wrong with an allowed answer, or null when it shows the content.</summary>
internal sealed record MatrixEndpoint(string Name, string Template, bool DocumentScoped, Func<Answer, PatientFiles, string?> Content)
{
    public string Url(Situation s) => MatrixEndpoints.Fill(Template, s.Files, s.PatientId, s.Document);

    public string Url(PatientFiles files) => MatrixEndpoints.Fill(Template, files, null);
}

/// <summary>What came back: status, content type, caching, every header (values of Date and cookies left out), the body as text.</summary>
internal sealed record Answer(int Status, string? ContentType, string? CacheControl, string Headers, long Length, string Body);
