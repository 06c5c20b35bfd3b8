using HapModular.Modules.Records.Access;
using HapModular.Modules.Records.Viewing;
using HapModular.Modules.Shared;
using HapModular.Modules.Shared.Access;
using HapModular.Modules.Shared.Storage;
using HapModular.Viewers;
using HapModular.SharedKernel;
using System.Runtime.CompilerServices;
using MediatR;
using Microsoft.AspNetCore.Http;

namespace HapModular.Modules.Records.DicomWeb;

/// <summary>
/// Reached only through the guard (consent, link, exclusion, account; the named instance's masking and embargo):
/// reads the patient's visible instances (R6 in SQL, so masked or embargoed instances leave no trace, not even in
/// counts) and answers from them. Nothing visible → the neutral denial, exactly as for an unknown UID.
/// </summary>
internal sealed class ImagingHandlers(DicomInstanceIndex index, PatientAccessContext access, PatientAccessScope scope, IBlobStore blobs, RecentDicomContent recent, SeriesReadAhead readAhead, IViewerCatalog viewers, DocumentBlobs documents) :
    IRequestHandler<SearchImaging, IReadOnlyList<QidoGroup>>,
    IRequestHandler<RetrieveImaging, ImagingResult>
{
    public async Task<IReadOnlyList<QidoGroup>> Handle(SearchImaging request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Level == QidoLevel.Instances
            ? QidoGroup.Of(await index.ReadAsync(request.PatientId, access.ViewerInami, request.StudyUid, null, null, cancellationToken), QidoLevel.Instances)
            : await index.ReadRepresentativesAsync(request.PatientId, access.ViewerInami, request.StudyUid, request.Level, cancellationToken);
    }

    /// <summary>What a request for stored content that no longer matches its hash (or is gone) gets: an error, never the bytes.</summary>
    public const string DamagedProblem = "The stored content of this image is damaged or missing: it is not served (recorded in the portal's error log for the hospital's IT).";

    public async Task<ImagingResult> Handle(RetrieveImaging request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            return await RetrieveAsync(request, cancellationToken);
        }
        catch (Exception ex) when (ex is BlobCorruptedException or BlobNotFoundException)
        {
            // An error the client shows and the operations team sees — not an unhandled exception: the workspace page
            // that inlines a first image must still open without it.
            documents.ReportUnreadable(request.DocumentId, ex);
            return ImagingResult.Failure(StatusCodes.Status500InternalServerError, DamagedProblem);
        }
    }

    private async Task<ImagingResult> RetrieveAsync(RetrieveImaging request, CancellationToken cancellationToken)
    {
        var t = request.Target;
        var web = request.Web;
        if (request.Resource is ImagingResource.Rendered or ImagingResource.Thumbnail or ImagingResource.Frames && CheckedInstance(request) is { } named)
        {
            // One named instance (every frame a viewer pulls): the guard's document check has just read and allowed its
            // row (R6), so the pixels come from it without reading that row again. Whatever does not render (an object
            // without pixels, a missing frame) takes the indexed read below, which answers exactly as before.
            if (named.Document.SeriesUid is { } series)
            {
                readAhead.Follow(request.PatientId, access.ViewerInami, named.StudyUid, series, named.Document.Sha256);
            }

            var direct = request.Resource == ImagingResource.Frames
                ? await FramesAsync(named, t.Frames ?? [1], request.Parameters, web, cancellationToken)
                : await RenderedAsync(request, [named], cancellationToken);
            if (direct.Status == 200)
            {
                return direct;
            }
        }

        var instances = await index.ReadAsync(request.PatientId, access.ViewerInami, t.StudyUid, t.SeriesUid, t.SopUid, cancellationToken);
        if (instances.Count == 0)
        {
            throw new PatientAccessDeniedException();
        }

        var ordered = Qido.Ordered(instances).ToList();
        switch (request.Resource)
        {
            case ImagingResource.Metadata:
                return new ImagingResult([], "[" + string.Join(",", ordered.Select(i => MetadataOf(i, web))) + "]");
            case ImagingResource.Instances when request.Parameters.ContainsKey("syntax"):
                // Bulk data (PS3.18 §8.7.4: Accept multipart/related; type="application/octet-stream"): every frame of
                // every visible instance in one answer — a viewer opening a series asks once instead of once per frame.
                return new ImagingResult([]) { Streamed = BulkFramesAsync(ordered, request.Parameters, web, cancellationToken) };
            case ImagingResource.Instances:
                var parts = new List<ImagingPart>(ordered.Count);
                foreach (var i in ordered)
                {
                    parts.Add(new ImagingPart(await blobs.GetAsync(i.Document.Sha256, cancellationToken), i.Text("00020010") is { Length: > 0 } ts ? "application/dicom; transfer-syntax=" + ts : "application/dicom", InstanceUrl(i, web)));
                }

                return new ImagingResult(parts);
            case ImagingResource.Frames:
                return await FramesAsync(ordered[0], t.Frames ?? [1], request.Parameters, web, cancellationToken);
            case ImagingResource.BulkData:
                return await BulkDataAsync(ordered[0], t.BulkPath!, request.Parameters, web, cancellationToken);
            default:
                return await RenderedAsync(request, ordered, cancellationToken);
        }
    }

    /// <summary>The DICOM instance the request names, as the guard's document check loaded and allowed it; else null.</summary>
    private ImagingInstance? CheckedInstance(RetrieveImaging request)
    {
        var t = request.Target;
        return t.SopUid is not null && scope.Document is { } d && d.Id == request.DocumentId && d.PatientId == request.PatientId
            && d.MediaType == DicomInstanceIndex.DicomMediaType && d.StudyUid == t.StudyUid && d.SeriesUid == t.SeriesUid && d.InstanceUid == t.SopUid
                ? new ImagingInstance(d, "{}")
                : null;
    }

    /// <summary>The instance's URL on a DICOMweb base (the one the client asked through: see <see cref="RetrieveImaging.Web"/>).</summary>
    public static string InstanceUrl(ImagingInstance i, string web) => InstanceUrl(i.StudyUid, i.SeriesUid, i.SopUid, web);

    public static string InstanceUrl(string study, string series, string sop, string web) => $"{web}/studies/{study}/series/{series}/instances/{sop}";

    // The stored metadata names its bulk data relative to the instance ("{instance}/bulkdata/…"): placed on the asked base here.
    private static string MetadataOf(ImagingInstance i, string web) => i.MetadataJson.Replace("{instance}", InstanceUrl(i, web), StringComparison.Ordinal);

    /// <summary>
    /// One bulk data element, as the metadata's BulkDataURI names it. Pixel Data (top level) is the instance's frames, one
    /// part each in the syntax asked (PS3.18 §8.7.4: a client follows it to the pixels, compressed or not); any other
    /// element is its value, from the DICOM plugin.
    /// </summary>
    private async Task<ImagingResult> BulkDataAsync(ImagingInstance instance, string path, IReadOnlyDictionary<string, string> parameters, string web, CancellationToken cancellationToken)
    {
        if (path == PixelDataPath)
        {
            return await FramesAsync(instance, [.. Enumerable.Range(1, instance.Frames)], parameters, web, cancellationToken);
        }

        var content = await recent.GetAsync(instance.Document.Sha256, cancellationToken);
        var p = new Dictionary<string, string>(parameters) { ["path"] = path };
        return await DicomInstanceIndex.RenderAsync(viewers, content, instance.Document.FileName, "dicomweb-bulkdata", p, cancellationToken) is RenderResult.BinaryContent binary
            ? new ImagingResult([new ImagingPart(binary.Content, binary.MediaType, $"{InstanceUrl(instance, web)}/bulkdata/{path}")])
            : ImagingResult.Failure(404, "no such bulk data");
    }

    private const string PixelDataPath = "7fe00010";

    private Task<ImagingResult> FramesAsync(ImagingInstance instance, IReadOnlyList<int> frames, IReadOnlyDictionary<string, string> parameters, string web, CancellationToken cancellationToken) =>
        recent.UseAsync(instance.Document.Sha256, async content =>
        {
            var parts = new List<ImagingPart>(frames.Count);
            foreach (var frame in frames)
            {
                var p = new Dictionary<string, string>(parameters) { ["frame"] = frame.ToString(System.Globalization.CultureInfo.InvariantCulture) };
                var result = await DicomInstanceIndex.RenderAsync(viewers, content, instance.Document.FileName, "dicomweb-frame", p, cancellationToken);
                if (result is not RenderResult.BinaryContent binary)
                {
                    return ImagingResult.Failure(frame > instance.Frames ? 404 : 422, (result as RenderResult.CannotDisplayResult)?.Reason ?? "no frame");
                }

                parts.Add(new ImagingPart(binary.Content, binary.MediaType, $"{InstanceUrl(instance, web)}/frames/{frame}"));
            }

            return new ImagingResult(parts);
        }, cancellationToken);

    private async IAsyncEnumerable<ImagingPart> BulkFramesAsync(List<ImagingInstance> ordered, IReadOnlyDictionary<string, string> parameters, string web, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var instance in ordered)
        {
            var content = await UnlessUnreadableAsync(instance, recent.GetAsync(instance.Document.Sha256, cancellationToken));
            if (content is null)
            {
                // Damaged: its frames are left out (each part names its frame, so the client sees which are missing and
                // asks for them alone, which answers the error) rather than cutting the whole series' answer short.
                continue;
            }

            for (var frame = 1; frame <= instance.Frames; frame++)
            {
                var p = new Dictionary<string, string>(parameters) { ["frame"] = frame.ToString(System.Globalization.CultureInfo.InvariantCulture) };
                if (await DicomInstanceIndex.RenderAsync(viewers, content, instance.Document.FileName, "dicomweb-frame", p, cancellationToken) is not RenderResult.BinaryContent binary)
                {
                    // Not an image (a report, a PDF): no pixel data to send.
                    break;
                }

                yield return new ImagingPart(binary.Content, binary.MediaType, $"{InstanceUrl(instance, web)}/frames/{frame}");
            }
        }
    }

    /// <summary>
    /// A study's or series' thumbnail: its first image that renders. One damaged (or without pixels) does not leave the
    /// series panel without a picture — it only stands for the series; the image itself answers its own error.
    /// </summary>
    private async Task<ImagingResult> RepresentativeAsync(RetrieveImaging request, List<ImagingInstance> ordered, CancellationToken cancellationToken)
    {
        var p = new Dictionary<string, string>(request.Parameters) { ["frame"] = "1", ["thumbnail"] = "1" };
        foreach (var instance in ordered.Take(RepresentativeCandidates))
        {
            if (await UnlessUnreadableAsync(instance, Rendered(instance, p, cancellationToken)) is RenderResult.BinaryContent binary)
            {
                return new ImagingResult([new ImagingPart(binary.Content, binary.MediaType, InstanceUrl(instance, request.Web))]);
            }
        }

        return ImagingResult.Failure(422, "nothing to render");
    }

    /// <summary>How far a thumbnail looks for an image that renders (a series of reports has none: not all read).</summary>
    private const int RepresentativeCandidates = 8;

    /// <summary>What <paramref name="read"/> gives; null when the instance's stored content is damaged or gone (reported).</summary>
    private async Task<T?> UnlessUnreadableAsync<T>(ImagingInstance instance, Task<T> read)
        where T : class
    {
        try
        {
            return await read;
        }
        catch (Exception ex) when (ex is BlobCorruptedException or BlobNotFoundException)
        {
            documents.ReportUnreadable(instance.Document.Id, ex);
            return null;
        }
    }

    private async Task<ImagingResult> RenderedAsync(RetrieveImaging request, List<ImagingInstance> ordered, CancellationToken cancellationToken)
    {
        // A thumbnail of a study or series is its representative (first) image; rendered study/series: every instance.
        var thumbnail = request.Resource == ImagingResource.Thumbnail;
        if (thumbnail && request.Target.SopUid is null)
        {
            return await RepresentativeAsync(request, ordered, cancellationToken);
        }

        var targets = thumbnail || request.Target.SopUid is not null ? ordered.Take(1) : ordered;
        var parts = new List<ImagingPart>();
        foreach (var instance in targets)
        {
            var p = new Dictionary<string, string>(request.Parameters) { ["frame"] = (request.Target.Frames is [var f, ..] ? f : 1).ToString(System.Globalization.CultureInfo.InvariantCulture) };
            if (thumbnail)
            {
                p["thumbnail"] = "1";
            }

            var result = await Rendered(instance, p, cancellationToken);
            if (result is RenderResult.BinaryContent binary)
            {
                parts.Add(new ImagingPart(binary.Content, binary.MediaType, InstanceUrl(instance, request.Web)));
            }
            else if (targets.Count() == 1)
            {
                return ImagingResult.Failure(400, (result as RenderResult.CannotDisplayResult)?.Reason ?? "cannot render");
            }
        }

        return parts.Count == 0 ? ImagingResult.Failure(422, "nothing to render") : new ImagingResult(parts);
    }

    private Task<RenderResult> Rendered(ImagingInstance instance, IReadOnlyDictionary<string, string> parameters, CancellationToken cancellationToken) =>
        recent.UseAsync(instance.Document.Sha256, content => DicomInstanceIndex.RenderAsync(viewers, content, instance.Document.FileName, "dicomweb-rendered", parameters, cancellationToken), cancellationToken);
}
