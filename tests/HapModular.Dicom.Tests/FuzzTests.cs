using System.Diagnostics;
using HapModular.Dicom.Imaging;
using Xunit.Abstractions;

namespace HapModular.Dicom.Tests;

/// <summary>
/// A bounded, seeded mutation fuzz run over every corpus DICOM file (60 s): reading, dumping and rendering mutated
/// bytes may fail only with the library's own exceptions, never crash, hang or allocate without bound.
/// </summary>
public sealed class FuzzTests(ITestOutputHelper output)
{
    private const int Seed = 20261126;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan CaseLimit = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Mutated_corpus_files_never_crash_hang_or_allocate_without_bound()
    {
        var files = Directory.GetFiles(Corpus.Dicom, "*.dcm").Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToArray();
        var clock = Stopwatch.StartNew();
        var cases = 0;
        var outcomes = new Dictionary<string, int>();
        while (clock.Elapsed < Budget)
        {
            var caseSeed = Seed + cases;
            var random = new Random(caseSeed);
            var original = files[random.Next(files.Length)];
            var mutated = Mutate(original, random);
            var run = Task.Run(() => Exercise(mutated));
            if (await Task.WhenAny(run, Task.Delay(CaseLimit)) != run)
            {
                Assert.Fail($"case {caseSeed} did not finish within {CaseLimit.TotalSeconds} s (hang); input kept in {Keep(caseSeed, mutated)}");
            }

            var (outcome, allocated) = await run;
            if (outcome.StartsWith("crash", StringComparison.Ordinal))
            {
                Assert.Fail($"case {caseSeed} ({Keep(caseSeed, mutated)}): {outcome}");
            }

            var limit = (64L << 20) + (200L * mutated.Length);
            Assert.True(allocated <= limit, $"case {caseSeed}: allocated {allocated} bytes for a {mutated.Length}-byte input");
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
            cases++;
        }

        output.WriteLine($"{cases} mutated files in {clock.Elapsed.TotalSeconds:F0} s (seed {Seed}): " + string.Join(", ", outcomes.Select(o => $"{o.Key} {o.Value}")));
        Assert.True(cases > 100, $"only {cases} cases ran");
    }

    private static string Keep(int seed, byte[] bytes)
    {
        var path = Path.Combine(Path.GetTempPath(), $"dicom-fuzz-{seed}.dcm");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static (string Outcome, long Allocated) Exercise(byte[] bytes)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        string outcome;
        try
        {
            var file = DicomFile.Read(bytes);
            _ = DicomDump.Dump(file);
            outcome = "read";
            if (file.Dataset.Contains(DicomTags.PixelData))
            {
                var image = DicomImage.Create(file);
                _ = PngWriter.Encode(image.Render(image.FrameCount - 1, VoiChoice.Default).Fit(64));
                if (image.Description.IsMonochrome)
                {
                    _ = image.ModalityValues(0, out _);
                }

                outcome = "rendered";
            }
        }
        catch (DicomReadException)
        {
            outcome = "read error";
        }
        catch (DicomImageException)
        {
            outcome = "image error";
        }
#pragma warning disable CA1031 // Any other exception is the finding this test reports.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return ("crash: " + ex, 0);
        }

        return (outcome, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static byte[] Mutate(byte[] original, Random random)
    {
        var data = original.ToList();
        var edits = 1 + random.Next(8);
        for (var e = 0; e < edits && data.Count > 0; e++)
        {
            var at = random.Next(data.Count);
            switch (random.Next(7))
            {
                case 0:
                    data[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    data[at] = (byte)random.Next(256);
                    break;
                case 2:
                    // Lengths and counts are where parsers break: write extreme 32-bit values.
                    var value = random.Next(4) switch { 0 => 0xFFFFFFFFu, 1 => 0x7FFFFFFFu, 2 => 0u, _ => (uint)random.Next() };
                    for (var k = 0; k < 4 && at + k < data.Count; k++)
                    {
                        data[at + k] = (byte)(value >> (8 * k));
                    }

                    break;
                case 3:
                    data.RemoveRange(at, data.Count - at);
                    break;
                case 4:
                    data.RemoveRange(at, Math.Min(data.Count - at, 1 + random.Next(64)));
                    break;
                case 5:
                    var insert = new byte[1 + random.Next(16)];
                    random.NextBytes(insert);
                    data.InsertRange(at, insert);
                    break;
                default:
                    var from = random.Next(data.Count);
                    var length = Math.Min(data.Count - from, 1 + random.Next(256));
                    data.InsertRange(at, data.GetRange(from, length));
                    break;
            }
        }

        return [.. data];
    }
}
