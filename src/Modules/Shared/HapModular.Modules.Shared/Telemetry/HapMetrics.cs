using System.Diagnostics.Metrics;
using System.Text.RegularExpressions;

namespace HapModular.Modules.Shared.Telemetry;

/// <summary>
/// The portal's own metrics (meter <see cref="MeterName"/>, exported by the host to Prometheus): the guard's decisions,
/// the audit append latency, viewer render time and ingested documents. Labels are codes only — an outcome, a reason
/// code, a viewer id, a source system name — never a patient id, a NISS, a user or a document: anything that is not a
/// short lower-case code becomes <c>other</c>, so a label can neither leak a person nor grow without bound.
/// </summary>
public sealed partial class HapMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "HapModular";

    private readonly Counter<long> guardDecisions;
    private readonly Histogram<double> auditAppend;
    private readonly Histogram<double> viewerRender;
    private readonly Counter<long> documentsIngested;
    private readonly Counter<long> contentUnreadable;
    private readonly Counter<long> dicomContentReads;

    /// <summary>Creates the instruments on the host's meter factory (one meter per host).</summary>
    /// <param name="meters">The host's meter factory.</param>
    public HapMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        guardDecisions = meter.CreateCounter<long>("hap.guard.decisions", "{decision}", "Patient-data guard decisions by outcome (allowed, refused) and reason code.");
        auditAppend = meter.CreateHistogram<double>("hap.audit.append.duration", "s", "Time from an audit record's request to its commit in the chain.");
        viewerRender = meter.CreateHistogram<double>("hap.viewer.render.duration", "s", "Time a viewer plugin takes to render a document, by viewer id.");
        documentsIngested = meter.CreateCounter<long>("hap.documents.ingested", "{document}", "Documents offered for ingestion by source system and outcome (created, duplicate, refused).");
        contentUnreadable = meter.CreateCounter<long>("hap.content.unreadable", "{read}", "Stored content found damaged (its bytes no longer match their SHA-256) or missing when read, and not served.");
        dicomContentReads = meter.CreateCounter<long>("hap.dicom.content.reads", "{read}", "DICOM files the imaging routes needed, by where their bytes came from: kept (read lately or read ahead), awaited (a read ahead under way), store (read by the request itself).");
    }

    /// <summary>One decision of the guard.</summary>
    /// <param name="allowed">Allowed or refused.</param>
    /// <param name="reason">The reason code (e.g. <c>no-link</c>).</param>
    public void GuardDecision(bool allowed, string? reason) =>
        guardDecisions.Add(1, new("outcome", allowed ? "allowed" : "refused"), new("reason", Code(reason)));

    /// <summary>One audit record committed after <paramref name="elapsed"/>.</summary>
    /// <param name="elapsed">From the request to the commit.</param>
    public void AuditAppended(TimeSpan elapsed) => auditAppend.Record(elapsed.TotalSeconds);

    /// <summary>One render by a viewer.</summary>
    /// <param name="viewer">The viewer's descriptor id.</param>
    /// <param name="elapsed">The viewer's render time.</param>
    public void ViewerRendered(string viewer, TimeSpan elapsed) => viewerRender.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("viewer", Code(viewer)));

    /// <summary>One document offered for ingestion.</summary>
    /// <param name="source">The source system's name.</param>
    /// <param name="outcome"><c>created</c>, <c>duplicate</c> or <c>refused</c>.</param>
    public void DocumentIngested(string source, string outcome) =>
        documentsIngested.Add(1, new("source", Code(source)), new("outcome", Code(outcome)));

    /// <summary>
    /// Stored content that could not be served: an operations team alerts on any, since each is a document a physician
    /// asked for and did not get (the error log names the blob).
    /// </summary>
    /// <param name="missing">The file is gone (else: its bytes no longer match their hash).</param>
    public void ContentUnreadable(bool missing) => contentUnreadable.Add(1, new KeyValuePair<string, object?>("problem", missing ? "missing" : "damaged"));

    /// <summary>
    /// A DICOM file an imaging request needed: how often a viewer's request still reads the store itself tells whether the
    /// series read ahead and the kept bytes keep up with the viewers.
    /// </summary>
    /// <param name="source"><c>kept</c>, <c>awaited</c> or <c>store</c>.</param>
    public void DicomContentRead(string source) => dicomContentReads.Add(1, new KeyValuePair<string, object?>("source", Code(source)));

    /// <summary>
    /// The value itself when it is a short code (a lower-case letter, then letters, digits, '.', '_', '-', ':'), with no
    /// run of six digits (a NISS, an INAMI number) and not a GUID (a patient or document id); else <c>other</c>.
    /// </summary>
    /// <param name="value">A candidate label value.</param>
    /// <returns>A label value safe to export.</returns>
    public static string Code(string? value) => value is not null && CodePattern().IsMatch(value) && !DigitRun().IsMatch(value) && !Guid.TryParse(value, out _) ? value : "other";

    [GeneratedRegex("^[a-z][a-z0-9._:-]{0,47}$")]
    private static partial Regex CodePattern();

    [GeneratedRegex("[0-9]{6}")]
    private static partial Regex DigitRun();
}
