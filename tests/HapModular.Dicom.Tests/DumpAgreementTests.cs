using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace HapModular.Dicom.Tests;

/// <summary>Key elements read by our reader agree with dcmtk's dcmdump output for every corpus file.</summary>
public sealed partial class DumpAgreementTests
{
    private static readonly DicomTag[] UidTags =
    [
        DicomTags.SopInstanceUid, DicomTags.StudyInstanceUid, DicomTags.SeriesInstanceUid,
    ];

    public static TheoryData<string> ReadableFiles()
    {
        var data = new TheoryData<string>();
        foreach (var e in Corpus.DicomEntries.Where(e => e.Name != "malformed_no_meta_stray_leading_byte"))
        {
            data.Add(e.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ReadableFiles))]
    public void Key_elements_agree_with_dcmdump(string name)
    {
        var entry = Corpus.DicomEntries.Single(e => e.Name == name);
        var file = DicomFile.Open(Corpus.File(name));
        var dumpPath = Path.Combine(Corpus.Reference, name + ".dump.txt");
        var ignoreErrors = Path.Combine(Corpus.Reference, name + ".dump_ignore_errors.txt");
        var dump = ParseTopLevel(File.Exists(ignoreErrors) ? ignoreErrors : dumpPath);
        Assert.True(dump.Count > 0, "reference dump is empty");

        if (dump.TryGetValue(DicomTags.PatientName, out var rawName))
        {
            // dcmdump prints the stored bytes; decoding them with the file's character set must give our text.
            var expected = CharacterSets.Decode(Encoding.Latin1.GetBytes(rawName), file.Dataset.CharacterSet);
            Assert.Equal(expected, file.Dataset.GetString(DicomTags.PatientName) ?? string.Empty);
        }

        foreach (var tag in UidTags.Where(dump.ContainsKey))
        {
            Assert.Equal(dump[tag], file.Dataset.GetString(tag));
        }

        foreach (var tag in new[] { DicomTags.Rows, DicomTags.Columns, DicomTags.NumberOfFrames }.Where(dump.ContainsKey))
        {
            Assert.Equal(int.Parse(dump[tag], CultureInfo.InvariantCulture), file.Dataset.GetInt(tag, -1));
        }

        var expectedTs = entry.TransferSyntax is "" or "-" ? null : entry.TransferSyntax;
        if (expectedTs is not null)
        {
            Assert.Equal(expectedTs, file.TransferSyntax.Uid);
        }
        else
        {
            Assert.False(file.Meta.Contains(DicomTags.TransferSyntaxUid));
        }

        // Every top-level tag dcmtk saw, we saw too (private tags included).
        var ours = file.Dataset.Elements.Select(e => e.Tag).Concat(file.Meta.Elements.Select(e => e.Tag)).ToHashSet();
        var missing = dump.Keys.Where(t => !ours.Contains(t)).ToList();
        Assert.True(missing.Count == 0, "missing: " + string.Join(' ', missing));
    }

    [Fact]
    public void Names_decode_to_the_right_characters()
    {
        Assert.Equal("Buc^Jérôme", Name("charset_latin1_iso_ir_100"));
        Assert.Equal("Yamada^Tarou=山田^太郎=やまだ^たろう", Name("charset_japanese_iso2022_ir87"));
        Assert.Equal("Hong^Gildong=洪^吉洞=홍^길동", Name("charset_korean_iso2022_ir149"));
        Assert.Equal("Wang^XiaoDong=王^小东=", Name("charset_chinese_gb18030"));
        Assert.Equal("Wang^XiaoDong=王^小東=", Name("charset_utf8_iso_ir_192"));
        Assert.Equal("Люкceмбypг", Name("charset_cyrillic_iso_ir_144"));
    }

    private static string? Name(string file) => DicomFile.Open(Corpus.File(file)).Dataset.GetString(DicomTags.PatientName);

    private static Dictionary<DicomTag, string> ParseTopLevel(string path)
    {
        var result = new Dictionary<DicomTag, string>();
        foreach (var line in File.ReadAllText(path, Encoding.Latin1).Split('\n'))
        {
            var m = DumpLine().Match(line);
            if (!m.Success)
            {
                continue;
            }

            var tag = new DicomTag(ushort.Parse(m.Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture), ushort.Parse(m.Groups[2].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture));
            if (tag.Group == 0xFFFE)
            {
                continue;
            }

            var value = m.Groups[3].Value.StartsWith("(no value", StringComparison.Ordinal) ? string.Empty : m.Groups[3].Value;
            var bracket = BracketValue().Match(value);
            result.TryAdd(tag, bracket.Success ? bracket.Groups[1].Value : value.Split(' ', 2)[0]);
        }

        return result;
    }

    [GeneratedRegex(@"^\(([0-9a-f]{4}),([0-9a-f]{4})\) \S\S (.*?)\s+#")]
    private static partial Regex DumpLine();

    [GeneratedRegex(@"^\[(.*)\]$")]
    private static partial Regex BracketValue();
}
