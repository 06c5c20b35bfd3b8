using HapModular.Dicom;
using HapModular.Modules.Interop.Inbox;
using HapModular.Testing;

namespace HapModular.Modules.Interop.Tests;

/// <summary>dcmtk's storescu and echoscu (Debian) against the portal's C-STORE SCP.</summary>
public sealed class DicomStoreTests(InteropFactory factory) : IClassFixture<InteropFactory>
{
    // One study of the corpus (Patient ID ID1, "Lestrade^G"): five files, two of which are the same instance (same
    // SOP Instance UID) in two encodings — DICOM's idea of identity, so four documents.
    private static readonly string[] Study =
    [
        "dicom/sc_jpeg_baseline_rgb_no_colour_transform.dcm",
        "dicom/sc_jpeg_baseline_ybr_full.dcm",
        "dicom/sc_ybr_full_422_uncompressed.dcm",
        "dicom/sc_ybr_full_uncompressed.dcm",
        "dicom/odd_rgb_3x3_odd_length_pixel_data.dcm",
    ];

    [Fact]
    public async Task Storescu_sends_a_corpus_study_and_each_instance_is_on_the_timeline_byte_identical_once()
    {
        var (exit, output) = await StoreAsync("STORESCU", Study.Select(Corpus.File).ToArray());
        Assert.True(exit == 0, output);
        Assert.DoesNotContain("Failed", output, StringComparison.OrdinalIgnoreCase);

        var firstByInstance = Study.Select(f => (File: f, Bytes: File.ReadAllBytes(Corpus.File(f))))
            .GroupBy(f => Uid(f.Bytes)).Select(g => g.First()).ToList();
        Assert.Equal(4, firstByInstance.Count);
        var patient = factory.Patients["lestrade"];
        var documents = new List<Guid>();
        foreach (var (file, original) in firstByInstance)
        {
            var kept = await factory.InboxAsync("dicom", Uid(original));
            Assert.True(kept is { Status: InboundStatus.Filed }, $"{file}: {kept?.Status} {kept?.Reason}");
            Assert.Equal(patient, kept!.PatientId);
            var stored = await factory.DownloadAsync(patient, kept.DocumentId!.Value);
            // A Part 10 file whose data set is, byte for byte, the one storescu read from the corpus file.
            var parsed = DicomFile.Read(stored);
            Assert.Equal(DicomFile.Read(original).TransferSyntax.Uid, parsed.TransferSyntax.Uid);
            Assert.Equal(Uid(original), parsed.Meta.GetString(new DicomTag(0x0002, 0x0003))?.TrimEnd('\0'));
            Assert.True(DatasetOf(original).SequenceEqual(DatasetOf(stored)), file + ": the stored data set differs from the sent one");
            documents.Add(kept.DocumentId.Value);
        }

        Assert.Equal(4, documents.Distinct().Count());
        var timeline = await factory.Client(factory.DrDupont).GetStringAsync(new Uri($"/patients/{patient}", UriKind.Relative));
        Assert.Contains(documents, d => timeline.Contains(d.ToString(), StringComparison.Ordinal));

        // A second send of the whole study is accepted and files nothing twice.
        var before = await factory.CountAsync("SELECT count(*) FROM records.documents WHERE source_system = 'dicom'");
        var messages = await factory.CountAsync("SELECT count(*) FROM interop.messages WHERE source = 'dicom'");
        (exit, output) = await StoreAsync("STORESCU", Study.Select(Corpus.File).ToArray());
        Assert.True(exit == 0, output);
        Assert.Equal(before, await factory.CountAsync("SELECT count(*) FROM records.documents WHERE source_system = 'dicom'"));
        Assert.Equal(messages, await factory.CountAsync("SELECT count(*) FROM interop.messages WHERE source = 'dicom'"));
    }

    [Fact]
    public async Task Echoscu_gets_an_answer()
    {
        var (exit, output) = await Tools.RunAsync("echoscu", "-aet", "ECHOSCU", "-aec", "HAPMODULAR", "127.0.0.1", factory.DicomPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(exit == 0, output);
    }

    [Theory]
    [InlineData("INTRUDER", "HAPMODULAR")]
    [InlineData("ECHOSCU", "SOMEONEELSE")]
    public async Task An_association_from_an_unknown_AE_title_or_for_another_called_AE_is_rejected(string calling, string called)
    {
        var (exit, output) = await Tools.RunAsync("echoscu", "-aet", calling, "-aec", called, "127.0.0.1", factory.DicomPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.NotEqual(0, exit);
        Assert.Contains("Association Rejected", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("dicom/mr_explicit_le_16bit_signed.dcm", "unknown patient")]
    [InlineData("dicom/ct_explicit_le_16bit_signed_small.dcm", "patient name does not match the hospital's record")]
    public async Task An_instance_for_an_unknown_patient_or_another_name_is_held_for_the_desk_not_filed(string file, string reason)
    {
        var (exit, output) = await StoreAsync("STORESCU", Corpus.File(file));
        Assert.True(exit == 0, output);
        var uid = Uid(File.ReadAllBytes(Corpus.File(file)));
        var kept = await factory.InboxAsync("dicom", uid);
        Assert.Equal(InboundStatus.Held, kept?.Status);
        Assert.Equal(reason, kept!.Reason);
        Assert.Null(kept.DocumentId);
        Assert.Equal(0, await factory.CountAsync($"SELECT count(*) FROM records.documents WHERE source_id = '{uid}'"));
    }

    internal static string Uid(byte[] file) => DicomFile.Read(file).Dataset.GetString(DicomTags.SopInstanceUid)!.Trim().TrimEnd('\0');

    /// <summary>The bytes after the File Meta Information group (preamble, DICM, group 0002).</summary>
    internal static byte[] DatasetOf(byte[] file)
    {
        var groupLength = BitConverter.ToUInt32(file, 140);
        return file[(144 + (int)groupLength)..];
    }

    // -R -xy: only the files' SOP classes, with JPEG baseline proposed too (storescu proposes uncompressed only by default,
    // and cannot decompress the JPEG files of the study to send them).
    private Task<(int Exit, string Output)> StoreAsync(string callingAe, params string[] files) =>
        Tools.RunAsync("storescu", ["-R", "-xy", "-aet", callingAe, "-aec", "HAPMODULAR", "127.0.0.1", factory.DicomPort.ToString(System.Globalization.CultureInfo.InvariantCulture), .. files]);
}
