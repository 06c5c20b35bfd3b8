using HapModular.Modules.Consent.Contracts;
using HapModular.Modules.Shared;
using HapModular.SharedKernel;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace HapModular.Modules.Records.DicomWeb;

/// <summary>
/// The DICOMweb server (PS3.18) over the records: QIDO-RS searches, WADO-RS retrieval (instances, metadata, frames)
/// and the rendered resources, for the portal's own workspace (session cookie) and for a physician's desktop viewer
/// (personal access token, read-only). Every answer comes from a patient-scoped request through the one guard; a
/// refusal, an unknown UID, a masked or embargoed instance all get the same bare 404.
/// </summary>
internal static partial class DicomWebEndpoints
{
    private const string Study = "/studies/{study}";
    private const string Series = Study + "/series/{series}";
    private const string Instance = Series + "/instances/{instance}";

    /// <summary>The route value naming the patient on the workspace's own base (<c>/patients/{patientId}/dicomweb</c>).</summary>
    private const string PatientRoute = "patientId";

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        // The standard base, UID-addressed, for desktop viewers and other DICOMweb clients.
        MapRoutes(endpoints.MapGroup(StandardBase).AcceptAccessTokens().RequireAuthorization().ExcludeFromDescription());

        // The same resources within one patient, for the workspace under that patient's banner. A Study Instance UID is
        // not unique across patients in real archives (a modality's UID root reused, a study split between two records):
        // on the standard base such a study answers with every visible patient's instances, so a workspace built on it
        // showed another patient's series and counts under this patient's name.
        MapRoutes(endpoints.MapGroup("/patients/{" + PatientRoute + ":guid}/dicomweb").AcceptAccessTokens().RequireAuthorization().ExcludeFromDescription());
    }

    /// <summary>The standard base, UID-addressed.</summary>
    public const string StandardBase = "/dicomweb";

    /// <summary>The workspace's base of one patient's DICOMweb resources.</summary>
    public static string PatientBase(Guid patientId) => $"/patients/{patientId}/dicomweb";

    /// <summary>
    /// The base this request came through: every URL an answer names (RetrieveURL, BulkDataURI, Content-Location) is built
    /// on it. A client on a patient's base that followed a standard-base URL would leave that patient's scope (a shared
    /// Study UID then answers with other records), and the workspace, which matches bulk frames by their location, found none.
    /// </summary>
    private static string WebBase(HttpContext http) => ScopedPatient(http) is { } patient ? PatientBase(patient) : StandardBase;

    private static void MapRoutes(RouteGroupBuilder web)
    {
        web.MapGet("/studies", (HttpContext http) => SearchAsync(http, QidoLevel.Studies, null, null));
        web.MapGet("/series", (HttpContext http) => SearchAsync(http, QidoLevel.Series, null, null));
        web.MapGet("/instances", (HttpContext http) => SearchAsync(http, QidoLevel.Instances, null, null));
        web.MapGet(Study + "/series", (string study, HttpContext http) => SearchAsync(http, QidoLevel.Series, study, null));
        web.MapGet(Study + "/instances", (string study, HttpContext http) => SearchAsync(http, QidoLevel.Instances, study, null));
        web.MapGet(Series + "/instances", (string study, string series, HttpContext http) => SearchAsync(http, QidoLevel.Instances, study, series));

        foreach (var (suffix, resource) in new[] { (string.Empty, ImagingResource.Instances), ("/metadata", ImagingResource.Metadata), ("/rendered", ImagingResource.Rendered), ("/thumbnail", ImagingResource.Thumbnail) })
        {
            web.MapGet(Study + suffix, (string study, HttpContext http) => RetrieveAsync(http, new ImagingTarget(study), resource));
            web.MapGet(Series + suffix, (string study, string series, HttpContext http) => RetrieveAsync(http, new ImagingTarget(study, series), resource));
            web.MapGet(Instance + suffix, (string study, string series, string instance, HttpContext http) => RetrieveAsync(http, new ImagingTarget(study, series, instance), resource));
        }

        web.MapGet(Instance + "/frames/{frames}", (string study, string series, string instance, string frames, HttpContext http) => FramesAsync(http, study, series, instance, frames, ImagingResource.Frames));
        web.MapGet(Instance + "/frames/{frames}/rendered", (string study, string series, string instance, string frames, HttpContext http) => FramesAsync(http, study, series, instance, frames, ImagingResource.Rendered));
        web.MapGet(Instance + "/frames/{frames}/thumbnail", (string study, string series, string instance, string frames, HttpContext http) => FramesAsync(http, study, series, instance, frames, ImagingResource.Thumbnail));
        web.MapGet(Instance + "/bulkdata/{**path}", (string study, string series, string instance, string path, HttpContext http) => BulkDataAsync(http, study, series, instance, path));
    }

    public static string ChannelOf(HttpContext http) =>
        http.User.HasClaim(AcceptsAccessTokens.ChannelClaim, AcceptsAccessTokens.TokenChannel) ? ImagingChannels.DicomWebClient : ImagingChannels.Browser;

    private static async Task SearchAsync(HttpContext http, QidoLevel level, string? study, string? series)
    {
        NoStore(http);
        var services = http.RequestServices;
        var keywords = await services.GetRequiredService<DicomKeywords>().GetAsync(http.RequestAborted);
        var parameters = http.Request.Query.SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string>(q.Key, v ?? string.Empty))).ToList();
        if (study is not null)
        {
            parameters.Add(new("0020000D", study));
        }

        if (series is not null)
        {
            parameters.Add(new("0020000E", series));
        }

        var (query, error) = QidoQuery.Parse(parameters, keywords);
        if (query is null)
        {
            await Results.Problem(error, statusCode: StatusCodes.Status400BadRequest).ExecuteAsync(http);
            return;
        }

        var mediator = services.GetRequiredService<IMediator>();
        var studyUid = query.Value("0020000D") is { } s && !s.Contains(',', StringComparison.Ordinal) && !s.Contains('\\', StringComparison.Ordinal) && !s.Contains('*', StringComparison.Ordinal) ? s : null;
        // Candidates only: the guard decides for each, and a refused patient adds nothing (not even to the count).
        var resolver = services.GetRequiredService<UidResolver>();
        IReadOnlyList<Guid> patients = ScopedPatient(http) is { } scoped
            ? [scoped]
            : studyUid is not null
            ? await resolver.PatientsOfStudyAsync(studyUid, http.RequestAborted)
            : await resolver.PatientsWithImagingAsync(
                await mediator.Send(new GetAccessiblePatients(services.GetRequiredService<ICurrentUser>().UserId), http.RequestAborted), http.RequestAborted);
        var results = new List<QidoGroup>();
        foreach (var patient in patients)
        {
            try
            {
                results.AddRange(await mediator.Send(new SearchImaging(patient, studyUid, ChannelOf(http), level), http.RequestAborted));
            }
            catch (PatientAccessDeniedException)
            {
                // Refused: contributes nothing.
            }
        }

        var json = level switch
        {
            QidoLevel.Studies => Qido.Studies(results, query, WebBase(http)),
            QidoLevel.Series => Qido.Series(results, query, WebBase(http)),
            _ => Qido.Instances(results, query, WebBase(http)),
        };
        http.Response.ContentType = "application/dicom+json";
        await http.Response.WriteAsync(json, http.RequestAborted);
    }

    private static Task FramesAsync(HttpContext http, string study, string series, string instance, string frames, ImagingResource resource)
    {
        var list = new List<int>();
        foreach (var part in frames.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) || n < 1 || list.Count >= 500)
            {
                http.Response.StatusCode = StatusCodes.Status400BadRequest;
                return Task.CompletedTask;
            }

            list.Add(n);
        }

        return RetrieveAsync(http, new ImagingTarget(study, series, instance, list), resource);
    }

    /// <summary>A BulkDataURI of the metadata: tag, or sequence tag / item index / tag …, as the DICOM plugin writes them.</summary>
    private static Task BulkDataAsync(HttpContext http, string study, string series, string instance, string path)
    {
        if (!BulkPath().IsMatch(path))
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            return Task.CompletedTask;
        }

        return RetrieveAsync(http, new ImagingTarget(study, series, instance, BulkPath: path.ToLowerInvariant()), ImagingResource.BulkData);
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[0-9A-Fa-f]{8}(/[0-9]{1,5}/[0-9A-Fa-f]{8}){0,8}$")]
    private static partial System.Text.RegularExpressions.Regex BulkPath();

    private static async Task RetrieveAsync(HttpContext http, ImagingTarget target, ImagingResource resource)
    {
        NoStore(http);
        var services = http.RequestServices;
        var parameters = DicomWebResponses.Parameters(http, resource);
        if (parameters is null)
        {
            http.Response.StatusCode = StatusCodes.Status406NotAcceptable;
            return;
        }

        var resolver = services.GetRequiredService<UidResolver>();
        var scoped = ScopedPatient(http);
        IReadOnlyList<(Guid Patient, Guid? Document)> candidates = target.SopUid is { } sop
            ? [.. (await resolver.DocumentsOfInstanceAsync(target.StudyUid, target.SeriesUid!, sop, scoped, http.RequestAborted)).Select(d => (d.PatientId, (Guid?)d.DocumentId))]
            : scoped is { } only
            ? [(only, null)]
            : [.. (await resolver.PatientsOfStudyAsync(target.StudyUid, http.RequestAborted)).Select(p => (p, (Guid?)null))];
        if (candidates.Count == 0)
        {
            // Unknown UID: through the guard all the same (refused and audited like any other refusal).
            candidates = [(Guid.Empty, null)];
        }

        var mediator = services.GetRequiredService<IMediator>();
        foreach (var (patient, document) in candidates)
        {
            ImagingResult result;
            try
            {
                result = await mediator.Send(new RetrieveImaging(patient, document, target, resource, parameters, ChannelOf(http), WebBase(http)), http.RequestAborted);
            }
            catch (PatientAccessDeniedException)
            {
                continue;
            }

            await DicomWebResponses.WriteAsync(http, resource, target, result);
            return;
        }

        // A bare 404: the status-code page would add a per-request trace id, and nothing may differ between reasons.
        http.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>()?.Enabled = false;
        http.Response.StatusCode = StatusCodes.Status404NotFound;
    }

    /// <summary>The patient named by the workspace's base; null on the standard base.</summary>
    private static Guid? ScopedPatient(HttpContext http) => http.GetRouteValue(PatientRoute) is string value && Guid.TryParse(value, out var id) ? id : null;

    private static void NoStore(HttpContext http) => http.Response.Headers.CacheControl = "private, no-store";
}
