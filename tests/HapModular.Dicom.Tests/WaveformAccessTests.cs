namespace HapModular.Dicom.Tests;

/// <summary>What the device-report plugin needs from the reader for DICOM ECG: multiplex groups and their samples.</summary>
public sealed class WaveformAccessTests
{
    private static readonly DicomTag WaveformSequence = new(0x5400, 0x0100);
    private static readonly DicomTag NumberOfChannels = new(0x003A, 0x0005);
    private static readonly DicomTag NumberOfSamples = new(0x003A, 0x0010);
    private static readonly DicomTag WaveformData = new(0x5400, 0x1010);
    private static readonly DicomTag SamplingFrequency = new(0x003A, 0x001A);

    [Theory]
    [InlineData("ecg_12lead_waveform")]
    [InlineData("hemodynamic_waveform_deflated")]
    public void Multiplex_groups_expose_channels_samples_and_raw_data(string name)
    {
        var file = DicomFile.Open(Corpus.File(name));
        var groups = file.Dataset.GetSequence(WaveformSequence);
        Assert.NotEmpty(groups);
        foreach (var group in groups)
        {
            Assert.True(group.TryGetInt(NumberOfChannels, out var channels) && channels > 0);
            Assert.True(group.TryGetInt(NumberOfSamples, out var samples) && samples > 0);
            Assert.True(group.TryGetDouble(SamplingFrequency, out var hz) && hz > 0);
            Assert.True(group.TryGetBytes(WaveformData, out var data));
            Assert.Equal(DicomVR.OW, group[WaveformData]!.VR);
            Assert.Equal(channels * samples * 2, data.Length);
        }
    }

    [Fact]
    public void Ecg_first_sample_reads_as_signed_16_bit()
    {
        var group = DicomFile.Open(Corpus.File("ecg_12lead_waveform")).Dataset.GetSequence(WaveformSequence)[0];
        var data = group[WaveformData]!;
        Assert.Equal(0x0050, data.GetUInt16(0));
        Assert.Equal(-85, (short)data.GetUInt16(3));
    }
}
