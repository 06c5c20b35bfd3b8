using HapModular.Dicom.Imaging;

namespace HapModular.Dicom.Tests;

/// <summary>Every malformed corpus file gives a clear error naming the offset and the problem, or a warning.</summary>
public sealed class MalformedFileTests
{
    [Fact]
    public void Stray_leading_byte_is_refused_with_offset_and_reason()
    {
        var ex = Assert.Throws<DicomReadException>(() => DicomFile.Open(Corpus.File("malformed_no_meta_stray_leading_byte")));
        Assert.Equal(0, ex.Offset);
        Assert.Contains("(0820,0500)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("not DICOM", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_pixel_data_keeps_the_elements_read_and_says_why_the_frame_is_missing()
    {
        var file = DicomFile.Open(Corpus.File("malformed_truncated_pixel_data"));
        var warning = Assert.Single(file.Warnings);
        Assert.Contains("(7fe0,0010) declares 8192 bytes", warning, StringComparison.Ordinal);
        Assert.StartsWith("offset ", warning, StringComparison.Ordinal);
        Assert.Equal(64, file.Dataset.GetInt(DicomTags.Rows, 0));
        var ex = Assert.Throws<DicomImageException>(() => DicomImage.Create(file).Render(0, VoiChoice.Default));
        Assert.Contains("truncated pixel data", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Meta_without_transfer_syntax_is_read_with_a_warning()
    {
        var file = DicomFile.Open(Corpus.File("malformed_meta_missing_transfer_syntax"));
        Assert.Contains(file.Warnings, w => w.Contains("no Transfer Syntax UID (0002,0010)", StringComparison.Ordinal));
        Assert.Equal(TransferSyntax.ImplicitVRLittleEndianUid, file.TransferSyntax.Uid);

        // dcmtk reads the same nested undefined-length sequences of group 0001.
        var outer = file.Dataset[new DicomTag(0x0001, 0x0001)];
        Assert.NotNull(outer);
        Assert.Single(outer.Items);
        Assert.Single(outer.Items[0].GetSequence(new DicomTag(0x0001, 0x0001)));
    }

    [Fact]
    public void Private_undefined_length_sequence_is_kept()
    {
        var file = DicomFile.Open(Corpus.File("odd_private_sq_undefined_length"));
        Assert.Contains(file.Dataset.Elements, e => e.Tag.IsPrivate && e.IsSequence && e.Items.Count > 0);
    }

    [Fact]
    public void Acr_nema_files_without_meta_are_read_as_implicit_little_endian()
    {
        var file = DicomFile.Open(Corpus.File("cr_monochrome1_acrnema_no_meta_no_preamble"));
        Assert.False(file.HasPreamble);
        Assert.False(file.HasMeta);
        Assert.Equal(440, file.Dataset.GetInt(DicomTags.Rows, 0));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(131)]
    public void Tiny_inputs_give_read_errors(int length)
    {
        Assert.Throws<DicomReadException>(() => DicomFile.Read(new byte[length]));
    }
}
