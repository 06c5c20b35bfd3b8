using HapModular.Dicom.Imaging;
using HapModular.Tests.Shared;

namespace HapModular.Dicom.Tests;

/// <summary>
/// A value that is there but cannot be read is an error naming the element, never a default; only an absent
/// value is "no value". Implicit VR files get every standard attribute's real VR from the dictionary.
/// </summary>
public sealed class StrictReadTests
{
    private static readonly DicomTag WaveformSequence = new(0x5400, 0x0100);
    private static readonly DicomTag ChannelDefinitions = new(0x003A, 0x0200);
    private static readonly DicomTag ChannelSensitivity = new(0x003A, 0x0210);

    [Fact]
    public void Implicit_vr_ecg_reads_its_waveform_attributes_with_their_real_vr()
    {
        var (bytes, reason) = Dcmtk.Convert(File.ReadAllBytes(Corpus.File("ecg_12lead_waveform")), "dcmconv", "+ti");
        Assert.True(bytes is not null, reason);
        var file = DicomFile.Read(bytes!);
        Assert.Equal("1.2.840.10008.1.2", file.TransferSyntax.Uid);
        var group = file.Dataset.GetSequence(WaveformSequence)[0];
        var channel = group.GetSequence(ChannelDefinitions)[0];
        Assert.Equal(DicomVR.DS, channel[ChannelSensitivity]!.VR);
        Assert.True(channel.TryGetDouble(ChannelSensitivity, out var sensitivity));
        Assert.Equal(1.25, sensitivity);
        Assert.Equal(DicomVR.US, group[new DicomTag(0x5400, 0x1004)]!.VR);
        Assert.Equal("SS", group.GetString(new DicomTag(0x5400, 0x1006)));
    }

    [Fact]
    public void Implicit_vr_pixel_values_are_signed_when_the_pixels_are()
    {
        // dcmdump: (0028,0120) SS -2000 PixelPaddingValue (Pixel Representation 1).
        var file = DicomFile.Open(Corpus.File("ct_implicit_le_16bit_signed_rescale"));
        var padding = new DicomTag(0x0028, 0x0120);
        Assert.Equal(DicomVR.SS, file.Dataset[padding]!.VR);
        Assert.True(file.Dataset.TryGetInt(padding, out var value));
        Assert.Equal(-2000, value);
    }

    [Fact]
    public void An_unreadable_number_is_an_error_naming_the_element_and_an_absent_one_is_no_value()
    {
        var modified = Dcmtk.Modify(File.ReadAllBytes(Corpus.File("ecg_12lead_waveform")), "-m", "(5400,0100)[0].(003a,0200)[0].(003a,0210)=abc");
        var channel = DicomFile.Read(modified).Dataset.GetSequence(WaveformSequence)[0].GetSequence(ChannelDefinitions)[0];
        var ex = Assert.Throws<DicomReadException>(() => channel.TryGetDouble(ChannelSensitivity, out _));
        Assert.Contains("(003a,0210) ChannelSensitivity (DS) value 1 'abc' is not a number", ex.Message, StringComparison.Ordinal);
        Assert.Throws<DicomReadException>(() => channel.GetInt(ChannelSensitivity, 1));
        Assert.False(channel.TryGetDouble(new DicomTag(0x003A, 0x0214), out _));
        Assert.Equal(7, channel.GetInt(new DicomTag(0x003A, 0x0214), 7));

        // A sequence or a number asked for as the other kind is an error too.
        Assert.Throws<DicomReadException>(() => channel.TryGetDouble(new DicomTag(0x003A, 0x0208), out _));
        Assert.Throws<DicomReadException>(() => channel.GetString(new DicomTag(0x003A, 0x021A)));
    }

    [Theory]
    [InlineData("(0028,0101)", "BitsStored", "mr_explicit_le_16bit_signed")]
    [InlineData("(0028,0102)", "HighBit", "mr_explicit_le_16bit_signed")]
    [InlineData("(0028,0103)", "PixelRepresentation", "mr_explicit_le_16bit_signed")]
    [InlineData("(0028,0004)", "Photometric Interpretation", "mr_explicit_le_16bit_signed")]
    [InlineData("(0028,0006)", "Planar Configuration", "us_rgb_planar0")]
    public void An_image_missing_a_required_pixel_attribute_says_which_instead_of_guessing(string tag, string named, string name)
    {
        var modified = Dcmtk.Modify(File.ReadAllBytes(Corpus.File(name)), "-e", tag);
        var ex = Assert.Throws<DicomImageException>(() => DicomImage.Create(DicomFile.Read(modified)));
        Assert.Contains(named, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("(0028,0101)=20", "Bits Stored")]
    [InlineData("(0028,1053)=0", "Rescale Slope")]
    [InlineData("(0028,1051)=0", "Window Width")]
    [InlineData("(0028,1050)=abc", "WindowCenter")]
    public void An_image_with_an_impossible_pixel_attribute_says_so(string modification, string named)
    {
        var modified = Dcmtk.Modify(File.ReadAllBytes(Corpus.File("mr_explicit_le_16bit_signed")), "-i", modification);
        var ex = Record.Exception(() => DicomImage.Create(DicomFile.Read(modified)).Render(0, VoiChoice.Default));
        Assert.True(ex is DicomImageException or DicomReadException, $"expected a read error, got {ex?.GetType().Name ?? "none"}");
        Assert.Contains(named, ex!.Message, StringComparison.Ordinal);
    }
}
