using System.Diagnostics;

namespace HapModular.Dicom.Tests;

/// <summary>The stable command line (what build/dicom.sh runs): dump and render, exit codes, one-line errors.</summary>
public sealed class CommandLineTests
{
    [Fact]
    public void Dump_prints_one_element_per_line_with_tag_vr_and_value()
    {
        var (code, stdout, _) = Run("dump", Corpus.File("charset_japanese_iso2022_ir87"));
        Assert.Equal(0, code);
        Assert.Contains("(0010,0010) PN [Yamada^Tarou=山田^太郎=やまだ^たろう]", stdout, StringComparison.Ordinal);
        Assert.Contains("(0028,0010) US 32", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_writes_a_png_of_the_requested_frame_and_window()
    {
        var output = Path.Combine(Path.GetTempPath(), $"dicom-cli-{Guid.NewGuid():N}.png");
        try
        {
            var (code, _, stderr) = Run("render", Corpus.File("nm_multiframe_13frames"), output, "--frame", "7", "--window", "70", "141");
            Assert.True(code == 0, stderr);
            var png = File.ReadAllBytes(output);
            Assert.Equal(0x89, png[0]);
            Assert.Equal((byte)'P', png[1]);
        }
        finally
        {
            File.Delete(output);
        }
    }

    [Theory]
    [InlineData("malformed_no_meta_stray_leading_byte", "not DICOM")]
    [InlineData("sr_basic_text", "no Pixel Data")]
    public void Failures_exit_non_zero_with_a_one_line_reason(string name, string reason)
    {
        var (code, _, stderr) = Run("render", Corpus.File(name), Path.Combine(Path.GetTempPath(), "never.png"), "--frame", "1");
        Assert.Equal(1, code);
        Assert.Contains(reason, stderr, StringComparison.Ordinal);
        Assert.Single(stderr.Trim().Split('\n'));
    }

    [Fact]
    public void Dump_of_an_implicit_vr_ecg_shows_channel_sensitivity_as_ds()
    {
        // The ECG of the report (#11) was Implicit VR: with a dictionary that lacked the waveform attributes the dump
        // said UN for Channel Sensitivity and the viewer drew the trace at the wrong voltage.
        var (implicitVr, reason) = HapModular.Tests.Shared.Dcmtk.Convert(File.ReadAllBytes(Corpus.File("ecg_12lead_waveform")), "dcmconv", "+ti");
        Assert.True(implicitVr is not null, reason);
        var path = Path.Combine(Path.GetTempPath(), $"ecg-implicit-{Guid.NewGuid():N}.dcm");
        try
        {
            File.WriteAllBytes(path, implicitVr!);
            var (code, stdout, stderr) = Run("dump", path);
            Assert.True(code == 0, stderr);
            Assert.Contains("Implicit VR Little Endian", stdout, StringComparison.Ordinal);
            Assert.Contains("(003a,0210) DS [1.25] # 4 ChannelSensitivity", stdout, StringComparison.Ordinal);
            Assert.Contains("(003a,0212) DS [1] # 2 ChannelSensitivityCorrectionFactor", stdout, StringComparison.Ordinal);
            Assert.Contains("(003a,0020) SH [RHYTHM] # 6 MultiplexGroupLabel", stdout, StringComparison.Ordinal);
            Assert.Contains("(5400,1006) CS [SS] # 2 WaveformSampleInterpretation", stdout, StringComparison.Ordinal);
            // Only private elements (odd groups) remain unknown.
            Assert.DoesNotMatch(@"(?m)^\s*\([0-9a-f]{3}[02468ace],[0-9a-f]{4}\) UN ", stdout);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Bad_usage_exits_two()
    {
        Assert.Equal(2, Run("render").Code);
        Assert.Equal(2, Run("render", "a.dcm", "b.png", "--frame", "x").Code);
    }

    private static (int Code, string Stdout, string Stderr) Run(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "hap-dicom.dll"));
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(60_000), "command line did not finish");
        return (process.ExitCode, stdout.Result, stderr);
    }
}
