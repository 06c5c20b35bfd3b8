using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using HapModular.Dicom.Imaging;
using HapModular.Tests.Shared;
using Xunit.Abstractions;

namespace HapModular.Dicom.Metamorphic.Tests;

/// <summary>
/// Every corpus DICOM file re-encoded by dcmtk (implicit/explicit LE, big endian, deflated; JPEG lossless, RLE and
/// JPEG-LS from native pixels; decompressed from JPEG, RLE and JPEG-LS) must give the same picture and the same
/// facts: bit-identical stored values and rendering (within the lossy tolerance only where dcmtk decoded a lossy
/// JPEG with its own decoder), identical inspector facts, waveform attributes and ECG samples in µV. Variants dcmtk
/// refuses are listed with its reason, never dropped. The table goes to the test output and artifacts/test-results.
/// </summary>
public sealed class MetamorphicTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Every_corpus_dicom_file_gives_the_same_picture_and_facts_in_every_encoding()
    {
        var files = Directory.GetFiles(Path.Combine(Corpus.Root, "dicom"), "*.dcm").Order(StringComparer.Ordinal).ToList();
        var rows = new ConcurrentBag<(string File, int Order, string Variant, string Result)>();
        await Parallel.ForEachAsync(files, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(2, Environment.ProcessorCount) }, async (path, _) =>
        {
            var name = Path.GetFileNameWithoutExtension(path);
            var bytes = await File.ReadAllBytesAsync(path);
            var original = await Observation.Of(bytes);
            for (var i = 0; i < Variant.All.Count; i++)
            {
                rows.Add((name, i, Variant.All[i].Name, await Check(bytes, original, Variant.All[i])));
            }
        });

        var ordered = rows.OrderBy(r => r.File, StringComparer.Ordinal).ThenBy(r => r.Order).ToList();
        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"{"file",-52} {"variant",-18} result");
        foreach (var r in ordered)
        {
            table.AppendLine(CultureInfo.InvariantCulture, $"{r.File,-52} {r.Variant,-18} {r.Result}");
        }

        var passed = ordered.Count(r => r.Result.StartsWith("pass", StringComparison.Ordinal));
        var failed = ordered.Where(r => r.Result.StartsWith("FAIL", StringComparison.Ordinal)).ToList();
        var notApplicable = ordered.Count(r => r.Result.StartsWith("not applicable", StringComparison.Ordinal));
        table.AppendLine(CultureInfo.InvariantCulture, $"{files.Count} files × {Variant.All.Count} variants: {passed} passed, {notApplicable} not applicable, {failed.Count} failed");
        output.WriteLine(table.ToString());
        var results = Path.Combine(Corpus.RepoRoot, "artifacts", "test-results");
        Directory.CreateDirectory(results);
        await File.WriteAllTextAsync(Path.Combine(results, "dicom-metamorphic.txt"), table.ToString());

        Assert.True(files.Count >= 60, $"only {files.Count} corpus DICOM files");
        Assert.True(passed >= 200, $"only {passed} variants compared");
        Assert.True(failed.Count == 0, string.Join("\n", failed.Select(f => $"{f.File} / {f.Variant}: {f.Result}")));
    }

    private static async Task<string> Check(byte[] bytes, Observation original, Variant variant)
    {
        if (original.Error is { } error)
        {
            return "not applicable (original " + error + ")";
        }

        if (!variant.AppliesTo(original.TransferSyntax))
        {
            return $"not applicable ({variant.NotApplicable})";
        }

        var (converted, reason) = Dcmtk.Convert(bytes, variant.Tool, variant.Options);
        if (converted is null)
        {
            return $"not applicable (dcmtk: {reason})";
        }

        var observed = await Observation.Of(converted);
        if (observed.Error is { } e)
        {
            return "FAIL: re-encoded file " + e;
        }

        foreach (var (key, value) in original.Facts)
        {
            if (!observed.Facts.TryGetValue(key, out var other) || other != value)
            {
                return $"FAIL: {key} was '{value}', now '{other ?? "absent"}'";
            }
        }

        if (observed.Facts.Keys.Except(original.Facts.Keys).FirstOrDefault() is { } extra)
        {
            return $"FAIL: {extra} appeared: '{observed.Facts[extra]}'";
        }

        return Pixels(original, observed, variant.IsLossyFrom(original)) ?? Samples(original, observed) ?? (variant.IsLossyFrom(original) ? "pass (lossy source: within ±4)" : "pass");
    }

    private static string? Pixels(Observation a, Observation b, bool lossy)
    {
        if (a.Frames.Count != b.Frames.Count)
        {
            return $"FAIL: {a.Frames.Count} frames compared, now {b.Frames.Count}";
        }

        foreach (var ((name, stored, image), (otherName, otherStored, otherImage)) in a.Frames.Zip(b.Frames))
        {
            if (name != otherName)
            {
                return $"FAIL: {name}, now {otherName}";
            }

            if (image.Width != otherImage.Width || image.Height != otherImage.Height || image.Channels != otherImage.Channels)
            {
                return $"FAIL: {name} is {image.Width}×{image.Height}×{image.Channels}, now {otherImage.Width}×{otherImage.Height}×{otherImage.Channels}";
            }

            if (!lossy && !stored.AsSpan().SequenceEqual(otherStored))
            {
                return $"FAIL: {name} stored values differ";
            }

            if (Difference(image, otherImage) is var (max, mean) && (lossy ? max > 4 || mean > 1 : max > 0))
            {
                return string.Create(CultureInfo.InvariantCulture, $"FAIL: {name} rendering differs (max {max}, mean {mean:F3})");
            }
        }

        return null;
    }

    private static (int Max, double Mean) Difference(RenderedImage a, RenderedImage b)
    {
        var max = 0;
        long sum = 0;
        for (var i = 0; i < a.Pixels.Length; i++)
        {
            var d = Math.Abs(a.Pixels[i] - b.Pixels[i]);
            max = Math.Max(max, d);
            sum += d;
        }

        return (max, a.Pixels.Length == 0 ? 0 : (double)sum / a.Pixels.Length);
    }

    // ECG traces: the same samples in µV, to the last bit, in every multiplex group.
    private static string? Samples(Observation a, Observation b)
    {
        if (a.Ecg is null)
        {
            return null;
        }

        var strips = a.Ecg.Groups.Select(g => g.Strip).Zip(b.Ecg!.Groups.Select(g => g.Strip));
        foreach (var (x, y) in strips.Where(p => p.First is not null))
        {
            foreach (var (l, m) in x!.Leads.Zip(y!.Leads))
            {
                if (!l.MicroVolts.AsSpan().SequenceEqual(m.MicroVolts))
                {
                    return $"FAIL: lead {l.Name} samples in µV differ";
                }
            }
        }

        return null;
    }
}
