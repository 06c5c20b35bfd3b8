using System.Text;
using HapModular.Modules.Interop.Inbox;
using HapModular.Testing;

namespace HapModular.Modules.Interop.Tests;

/// <summary>python3-hl7's mllp_send (Debian) against the portal's MLLP listener.</summary>
public sealed class MllpTests(InteropFactory factory) : IClassFixture<InteropFactory>
{
    public static TheoryData<string, string, string> Reports => new()
    {
        { "documents/hl7v2/oru_r01_radiology_text_report.hl7", "1001129", "MSH|" },
        { "documents/hl7v2/oru_r01_report_with_embedded_pdf.hl7", "1001128", "%PDF" },
        { "documents/hl7v2/oru_r01_report_with_embedded_cda.hl7", "1001127", "<?xml" },
    };

    [Theory]
    [MemberData(nameof(Reports))]
    public async Task A_corpus_message_is_acknowledged_AA_and_its_document_is_on_the_timeline_once(string file, string controlId, string starts)
    {
        var (exit, output) = await SendAsync(Corpus.File(file));
        Assert.True(exit == 0, output);
        Assert.Contains($"MSA|AA|{controlId}", output, StringComparison.Ordinal);

        var kept = await factory.InboxAsync("hl7", "MESA_RPT_MGR^XYZ_RADIOLOGY|" + controlId);
        Assert.True(kept is { Status: InboundStatus.Filed }, $"{kept?.Status} {kept?.Reason}");
        var patient = factory.Patients["smith"];
        Assert.Equal(patient, kept!.PatientId);
        var content = await factory.DownloadAsync(patient, kept.DocumentId!.Value);
        Assert.StartsWith(starts, Encoding.Latin1.GetString(content, 0, starts.Length), StringComparison.Ordinal);
        var timeline = await factory.Client(factory.DrDupont).GetStringAsync(new Uri($"/patients/{patient}", UriKind.Relative));
        Assert.Contains(kept.DocumentId.Value.ToString(), timeline, StringComparison.Ordinal);

        // The same control id again: acknowledged, nothing filed twice.
        var documents = await factory.CountAsync("SELECT count(*) FROM records.documents WHERE source_system = 'hl7'");
        (exit, output) = await SendAsync(Corpus.File(file));
        Assert.Contains($"MSA|AA|{controlId}", output, StringComparison.Ordinal);
        Assert.Equal(documents, await factory.CountAsync("SELECT count(*) FROM records.documents WHERE source_system = 'hl7'"));
    }

    [Fact]
    public async Task A_malformed_message_is_rejected_AR_and_nothing_is_filed()
    {
        var documents = await factory.CountAsync("SELECT count(*) FROM records.documents");
        var refused = await factory.CountAsync("SELECT count(*) FROM interop.messages WHERE source = 'hl7' AND status = 'refused'");
        var path = Path.Combine(factory.DataDirectory, "malformed.hl7");
        Directory.CreateDirectory(factory.DataDirectory);
        await File.WriteAllTextAsync(path, "MSH|^~\\&|LAB|CHU|HAP|HAP|20261126090000||ORU^R01|BAD-1|P|2.5.1\rPID|||PID_1||Smith^Lucy||20141014\rthis line is not a segment\r");
        var (_, output) = await SendAsync(path);
        Assert.Contains("MSA|AR|", output, StringComparison.Ordinal);
        Assert.Equal(documents, await factory.CountAsync("SELECT count(*) FROM records.documents"));
        // Kept as refused, with its reason, for the administrator's page: nothing received is lost.
        Assert.Equal(refused + 1, await factory.CountAsync("SELECT count(*) FROM interop.messages WHERE source = 'hl7' AND status = 'refused'"));
    }

    [Fact]
    public async Task An_unsupported_message_type_is_rejected_AR_and_a_message_without_PID_is_an_error_AE()
    {
        var path = Path.Combine(factory.DataDirectory, "adt.hl7");
        Directory.CreateDirectory(factory.DataDirectory);
        await File.WriteAllTextAsync(path, "MSH|^~\\&|LAB|CHU|HAP|HAP|20261126090000||ADT^A01|ADT-1|P|2.5.1\rPID|||PID_1||Smith^Lucy||20141014\r");
        var (_, output) = await SendAsync(path);
        Assert.Contains("MSA|AR|ADT-1", output, StringComparison.Ordinal);
        await File.WriteAllTextAsync(path, "MSH|^~\\&|LAB|CHU|HAP|HAP|20261126090000||ORU^R01|NOPID-1|P|2.5.1\rOBR|1|||X^Report\rOBX|1|TX|X||text||||||F\r");
        (_, output) = await SendAsync(path);
        Assert.Contains("MSA|AE|NOPID-1", output, StringComparison.Ordinal);
    }

    private Task<(int Exit, string Output)> SendAsync(string file) =>
        Tools.RunAsync("mllp_send", "--loose", "-p", factory.MllpPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "-f", file, "127.0.0.1");
}
