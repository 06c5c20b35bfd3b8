using System.Globalization;

namespace HapModular.Dicom.Tests;

/// <summary>
/// The data dictionary is PS3.6 as dcmtk transcribes it (dicom.dic, Debian libdcmtk17): the committed table is
/// exactly what the generator makes of that file, and every entry of the file is in the dictionary.
/// </summary>
public sealed class DictionaryTests
{
    private static readonly string DicomDic = DicomDictionaryGenerator.DefaultSource;

    [Fact]
    public void Committed_table_is_what_the_generator_makes_of_dicom_dic()
    {
        var committed = File.ReadAllText(Path.Combine(RepoRoot(), "src", "Plugins", "HapModular.Dicom", "DicomDictionary.Table.cs"));
        var regenerated = DicomDictionaryGenerator.Generate(File.ReadAllText(DicomDic));
        Assert.True(regenerated == committed, "DicomDictionary.Table.cs differs from dicom.dic: run `dotnet run build/tools/generate-dicom-dictionary.cs`");
    }

    [Fact]
    public void Every_entry_of_dicom_dic_is_in_the_dictionary_with_its_vr_vm_keyword_and_retirement()
    {
        var lines = SourceEntries();
        Assert.True(lines.Count > 4900, $"dicom.dic has only {lines.Count} entries");
        Assert.Equal(lines.Count, DicomDictionary.Entries.Count);
        Assert.Equal(lines.Count(l => l[4].EndsWith("/retired", StringComparison.Ordinal)), DicomDictionary.Entries.Count(e => e.Retired));

        // A sample spread over the whole file (every 23rd entry, and the ranges at its end): the entry is in the
        // table as written, and a plain tag is found by look-up.
        var compared = 0;
        foreach (var line in lines.Where((_, i) => i % 23 == 0 || i >= lines.Count - 25))
        {
            var (tag, vr, keyword, vm, version) = (line[0], line[1], line[2], line[3], line[4]);
            var entry = DicomDictionary.Entries.Single(e => e.Tag == tag);
            Assert.Equal(keyword.Replace("RETIRED_", string.Empty, StringComparison.Ordinal), entry.Keyword);
            Assert.Equal(vm, entry.Multiplicity);
            Assert.Equal(version.EndsWith("/retired", StringComparison.Ordinal), entry.Retired);
            Assert.Equal(Spelled(vr), entry.ValueRepresentation);
            if (!entry.IsRange)
            {
                Assert.True(DicomDictionary.TryGetEntry(FirstTagOf(tag), out var found) && found == entry, $"{tag} not found by look-up");
            }

            compared++;
        }

        Assert.True(compared > 200, $"only {compared} entries compared");
    }

    [Theory]
    [InlineData(0x003A, 0x0210, "DS", "ChannelSensitivity", DicomVR.DS)]
    [InlineData(0x003A, 0x0212, "DS", "ChannelSensitivityCorrectionFactor", DicomVR.DS)]
    [InlineData(0x003A, 0x0213, "DS", "ChannelBaseline", DicomVR.DS)]
    [InlineData(0x003A, 0x0020, "SH", "MultiplexGroupLabel", DicomVR.SH)]
    [InlineData(0x5400, 0x1006, "CS", "WaveformSampleInterpretation", DicomVR.CS)]
    [InlineData(0x5400, 0x100A, "OB or OW", "WaveformPaddingValue", DicomVR.OW)]
    [InlineData(0x6002, 0x3000, "OB or OW", "OverlayData", DicomVR.OW)]
    [InlineData(0x60FE, 0x0010, "US", "OverlayRows", DicomVR.US)]
    [InlineData(0x0028, 0x0106, "US or SS", "SmallestImagePixelValue", DicomVR.US)]
    [InlineData(0x0028, 0x3006, "US or SS or OW", "LUTData", DicomVR.OW)]
    [InlineData(0x0009, 0x0010, "LO", "PrivateCreator", DicomVR.LO)]
    [InlineData(0x0011, 0x0000, "UL", "PrivateGroupLength", DicomVR.UL)]
    [InlineData(0x0008, 0x0000, "UL", "GenericGroupLength", DicomVR.UL)]
    [InlineData(0x0008, 0x1040, "LO", "InstitutionalDepartmentName", DicomVR.LO)]
    public void Entries_and_implicit_vrs(ushort group, ushort element, string vr, string keyword, DicomVR implicitVr)
    {
        var tag = new DicomTag(group, element);
        Assert.True(DicomDictionary.TryGetEntry(tag, out var entry));
        Assert.Equal(vr, entry.ValueRepresentation);
        Assert.Equal(keyword, entry.Keyword);
        Assert.Equal(implicitVr, DicomDictionary.VrOf(tag));
    }

    [Fact]
    public void Pixel_values_are_signed_in_signed_images_but_lut_descriptors_stay_unsigned()
    {
        Assert.Equal(DicomVR.SS, DicomDictionary.VrOf(new DicomTag(0x0028, 0x0120), pixelRepresentation: 1));
        Assert.Equal(DicomVR.US, DicomDictionary.VrOf(new DicomTag(0x0028, 0x0120), pixelRepresentation: 0));
        Assert.Equal(DicomVR.US, DicomDictionary.VrOf(DicomTags.LutDescriptor, pixelRepresentation: 1));
        Assert.True(DicomDictionary.TryGetEntry(new DicomTag(0x0018, 0x1000), out var retired) && !retired.Retired);
        Assert.True(DicomDictionary.TryGetEntry(new DicomTag(0x0008, 0x0025), out var curveDate) && curveDate.Retired);
        Assert.False(DicomDictionary.TryGetEntry(new DicomTag(0x0009, 0x1001), out _));
    }

    internal static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "HapModular.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("HapModular.sln not found above " + AppContext.BaseDirectory);
    }

    // Read independently of the generator: the five tab-separated fields of each non-comment line.
    private static List<string[]> SourceEntries() =>
        [.. File.ReadAllLines(DicomDic).Where(l => l.Length > 0 && l[0] != '#').Select(l => l.Split('\t', StringSplitOptions.RemoveEmptyEntries))];

    private static string Spelled(string dcmtkVr) => dcmtkVr switch
    {
        "xs" => "US or SS",
        "ox" or "px" => "OB or OW",
        "lt" => "US or SS or OW",
        "up" => "UL",
        "na" => "-",
        _ => dcmtkVr,
    };

    // The first tag a (possibly ranged) entry covers: "(6000-60FF,3000)" → (6000,3000), "(0009-o-FFFF,0010-u-00FF)" → (0009,0010).
    private static DicomTag FirstTagOf(string tag)
    {
        var parts = tag.Trim('(', ')').Split(',');
        ushort First(string p) => ushort.Parse(p.Split('-')[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return new DicomTag(First(parts[0]), First(parts[1]));
    }
}
