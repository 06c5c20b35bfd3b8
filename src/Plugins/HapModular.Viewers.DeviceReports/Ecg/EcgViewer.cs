using System.Text;

namespace HapModular.Viewers.DeviceReports.Ecg;

/// <summary>
/// Resting ECGs: HL7 aECG, Contec ECG90A, DICOM waveforms (SOP classes below) and SCP-ECG. Targets:
/// <c>view</c> (HTML) and <c>svg</c> (the trace on millimetre paper, shown as an image so it zooms sharply).
/// </summary>
internal sealed class EcgViewer : IViewer
{
    public const string SvgTarget = "svg";
    public const string AecgMediaType = "application/hl7-aecg+xml";
    public const string ScpMediaType = "application/scp-ecg";
    public const string ContecMediaType = "application/x-contec-ecg";
    public const string MedianPart = "median";

    // Below the media-type score: a CDA or other XML viewer still wins XML that is only named like an ECG.
    private const int NameHintScore = 40;

    public ViewerDescriptor Descriptor { get; } = new(
        "devicereports.ecg",
        "Electrocardiogram",
        [AecgMediaType, ScpMediaType, ContecMediaType, "application/xml", "text/xml"],
        ["1.2.840.10008.5.1.4.1.1.9.1.1", "1.2.840.10008.5.1.4.1.1.9.1.2", "1.2.840.10008.5.1.4.1.1.9.2.1"],
        "device-report.js");

    public int Match(DocumentMetadata metadata)
    {
        if (metadata.SopClassUid is { } sop && Descriptor.SopClassUids.Contains(sop, StringComparer.Ordinal))
        {
            return MatchScore.SopClass;
        }

        var type = metadata.MediaType.ToLowerInvariant();
        if (type is AecgMediaType or ScpMediaType or ContecMediaType)
        {
            return MatchScore.MediaType;
        }

        var name = (metadata.FileName ?? string.Empty).ToLowerInvariant();
        if (type is "application/xml" or "text/xml" && (name.Contains("ecg", StringComparison.Ordinal) || name.Contains("ekg", StringComparison.Ordinal)))
        {
            return NameHintScore;
        }

        return type == "application/octet-stream" && (name.EndsWith(".ecg", StringComparison.Ordinal) || name.EndsWith(".scp", StringComparison.Ordinal))
            ? NameHintScore
            : MatchScore.None;
    }

    public ValueTask<InspectionResult> InspectAsync(ViewerContent content, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var ecg = EcgSource.Load(content.Data, out var reason);
        if (ecg is null)
        {
            return ValueTask.FromResult(InspectionResult.Failed(reason.ToString()));
        }

        var keys = new Dictionary<string, string>(ecg.Keys);
        if (ecg.Device is { } device)
        {
            keys[InspectionKeys.Author] = device;
        }

        return ValueTask.FromResult(new InspectionResult
        {
            Title = "ECG " + ecg.Leads.Count + " leads",
            ClinicalDate = ecg.Acquired,
            // DICOM ECGs name their patient in the DICOM viewer's keys (the host merges them); an aECG names its subject.
            Identity = ecg.Format == "HL7 aECG" ? AecgIdentity.Read(content.Data) : null,
            Keys = keys,
        });
    }

    public ValueTask<RenderResult> RenderAsync(ViewerContent content, RenderRequest request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var ecg = EcgSource.Load(content.Data, out var reason);
        if (ecg is null)
        {
            return ValueTask.FromResult(RenderResult.CannotDisplay(reason.In(request.Culture)));
        }

        cancellationToken.ThrowIfCancellationRequested();
        RenderResult result = request.Target switch
        {
            SvgTarget => Svg(ecg, request),
            RenderTargets.View => RenderResult.Html(EcgHtml.Render(ecg, request)),
            _ => RenderResult.CannotDisplay(new LocalText("unknown-target").In(request.Culture)),
        };
        return ValueTask.FromResult(result);
    }

    // svg: the rhythm strip; svg?part=median: the median beats; svg?group=N: multiplex group N of a DICOM waveform.
    private static RenderResult Svg(EcgRecording ecg, RenderRequest request)
    {
        var strip = request.Parameters.GetValueOrDefault("part") == MedianPart ? ecg.Median
            : request.Parameters.ContainsKey("group") ? ecg.Groups.FirstOrDefault(g => g.Number == request.GetInt("group", 0))?.Strip
            : ecg.Leads.Count > 0 ? ecg.Rhythm : null;
        if (strip is null)
        {
            return RenderResult.CannotDisplay(new LocalText("no-such-strip").In(request.Culture));
        }

        var svg = request.Parameters.GetValueOrDefault("part") == MedianPart ? EcgSvg.RenderBeats(strip, request.Culture) : EcgSvg.Render(strip, request.Culture);
        return RenderResult.Binary(Encoding.UTF8.GetBytes(svg), "image/svg+xml");
    }
}
