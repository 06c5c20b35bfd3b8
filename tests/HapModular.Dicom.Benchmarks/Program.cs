using System.Diagnostics;
using System.Globalization;
using HapModular.Dicom;
using HapModular.Dicom.Benchmarks;
using HapModular.Dicom.Imaging;

// Frames per second for decode + window + PNG encode, beside dcmtk (+Fa, all frames in one process) and the time
// ImageSharp alone needs to encode the same 8-bit frame as PNG at its fastest setting (the floor).
// Usage: bench CORPUS_DICOM_DIR file.dcm[:WINDOW_OPTION] ...
var corpus = args[0];
var rows = new List<string>();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{"file",-46} {"frames",6} {"size",10} {"ours fps",9} {"ms/frame",9} {"dcmtk fps",10} {"ratio",6} {"floor ms",9} {"ours/floor",10}"));
foreach (var spec in args.Skip(1))
{
    var parts = spec.Split(':', 2);
    var path = Path.Combine(corpus, parts[0]);
    var window = parts.Length > 1 ? parts[1] : string.Empty;
    var voi = window.Contains("+Wi", StringComparison.Ordinal) ? VoiChoice.FirstWindow : window.Contains("+Wm", StringComparison.Ordinal) ? VoiChoice.MinMax : VoiChoice.Default;
    var bytes = File.ReadAllBytes(path);
    var probe = DicomImage.Create(DicomFile.Read(bytes));
    var frames = probe.FrameCount;

    // Whole pipeline per pass: parse the file, then decode, window and encode every frame.
    void Pass()
    {
        var image = DicomImage.Create(DicomFile.Read(bytes));
        for (var f = 0; f < image.FrameCount; f++)
        {
            _ = PngWriter.Encode(image.Render(f, voi));
        }
    }

    Pass();
    var clock = Stopwatch.StartNew();
    var passes = 0;
    while (passes < 3 || clock.Elapsed.TotalSeconds < 1.0)
    {
        Pass();
        passes++;
    }

    var ours = frames * passes / clock.Elapsed.TotalSeconds;
    var first = probe.Render(0, voi);
    var floor = Floor.ImageSharpMilliseconds(first);
    var dcmtk = Dcmtk.FramesPerSecond(path, window, frames, probe.File.TransferSyntax.Uid);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{parts[0],-46} {frames,6} {first.Width + "x" + first.Height + "x" + first.Channels,10} {ours,9:F1} {1000 / ours,9:F2} {(dcmtk is { } d ? d.ToString("F1", CultureInfo.InvariantCulture) : "n/a"),10} {(dcmtk is { } r ? (ours / r).ToString("F1", CultureInfo.InvariantCulture) + "x" : "n/a"),6} {floor,9:F2} {1000 / ours / floor,9:F1}x"));
}
