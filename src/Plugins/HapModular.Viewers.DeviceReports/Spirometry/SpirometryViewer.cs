namespace HapModular.Viewers.DeviceReports.Spirometry;

/// <summary>Spirometry exports (ndd EasyOne CSV): results table per test and an FEV1/FVC trend chart (target <c>chart</c>).</summary>
internal sealed class SpirometryViewer : IViewer
{
    public const string ChartTarget = "chart";

    // Any CSV could be a spirometry export; the name decides between a fallback claim and a confident one.
    private const int CsvScore = 20;

    public ViewerDescriptor Descriptor { get; } = new("devicereports.spirometry", "Spirometry results", ["text/csv"], [], "device-report.js");

    public int Match(DocumentMetadata metadata)
    {
        if (!string.Equals(metadata.MediaType, "text/csv", StringComparison.OrdinalIgnoreCase))
        {
            return MatchScore.None;
        }

        var name = (metadata.FileName ?? string.Empty).ToLowerInvariant();
        return name.Contains("spiro", StringComparison.Ordinal) || name.Contains("ndd", StringComparison.Ordinal) ? MatchScore.MediaType : CsvScore;
    }

    public ValueTask<InspectionResult> InspectAsync(ViewerContent content, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var tests = SpirometryCsv.Read(content.Data.Span, out var reason);
        if (tests is null)
        {
            return ValueTask.FromResult(InspectionResult.Failed(reason));
        }

        var last = tests.Where(t => t.Date is not null).MaxBy(t => t.Date);
        return ValueTask.FromResult(new InspectionResult
        {
            Title = "Spirometry",
            ClinicalDate = last?.Date is { } d ? new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null,
            Keys = last?.Device is { } device ? new Dictionary<string, string> { [InspectionKeys.Author] = "ndd EasyOne " + device } : new Dictionary<string, string>(),
        });
    }

    public ValueTask<RenderResult> RenderAsync(ViewerContent content, RenderRequest request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var tests = SpirometryCsv.Read(content.Data.Span, out var reason);
        if (tests is null)
        {
            return ValueTask.FromResult(RenderResult.CannotDisplay(reason));
        }

        RenderResult result = request.Target switch
        {
            ChartTarget => RenderResult.Binary(System.Text.Encoding.UTF8.GetBytes(SpirometryChart.Render(tests, request.Culture)), "image/svg+xml"),
            RenderTargets.View => RenderResult.Html(SpirometryHtml.Render(tests, request)),
            _ => RenderResult.CannotDisplay("Unknown target for spirometry."),
        };
        return ValueTask.FromResult(result);
    }
}
