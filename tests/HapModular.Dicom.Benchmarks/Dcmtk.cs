using System.Diagnostics;

namespace HapModular.Dicom.Benchmarks;

/// <summary>dcmtk rendering all frames of a file in one process (+Fa), median of three runs, start-up included.</summary>
internal static class Dcmtk
{
    public static double? FramesPerSecond(string path, string window, int frames, string transferSyntax)
    {
        var tool = transferSyntax switch
        {
            TransferSyntax.JpegLsLosslessUid or TransferSyntax.JpegLsNearLosslessUid => "dcml2pnm",
            TransferSyntax.ImplicitVRLittleEndianUid or TransferSyntax.ExplicitVRLittleEndianUid or TransferSyntax.ExplicitVRBigEndianUid or TransferSyntax.DeflatedExplicitVRLittleEndianUid => "dcm2pnm",
            _ => "dcmj2pnm",
        };
        var output = Directory.CreateTempSubdirectory("bench-dcmtk-");
        try
        {
            var times = new List<double>();
            for (var run = 0; run < 3; run++)
            {
                var info = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true };
                foreach (var a in new[] { "+on", "-il", "-mf", "+Fa" }.Concat(window.Split(' ', StringSplitOptions.RemoveEmptyEntries)))
                {
                    info.ArgumentList.Add(a);
                }

                info.ArgumentList.Add(path);
                info.ArgumentList.Add(Path.Combine(output.FullName, "frame"));
                var clock = Stopwatch.StartNew();
                using var process = Process.Start(info);
                if (process is null)
                {
                    return null;
                }

                process.StandardOutput.ReadToEnd();
                process.StandardError.ReadToEnd();
                process.WaitForExit();
                if (process.ExitCode != 0)
                {
                    return null;
                }

                times.Add(clock.Elapsed.TotalSeconds);
            }

            times.Sort();
            return frames / times[1];
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // dcmtk not installed
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }
}
