using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace HapModular.Modules.Records.DicomWeb;

/// <summary>
/// Reads the next files of a series into <see cref="RecentDicomContent"/> while a viewer looks at one. A viewer pulls a
/// series image after image; each image it asks for the first time otherwise waited on its own request for its file to be
/// read and its hash checked (the bench's first read of a 512×512 CT series: about a quarter slower than a series read
/// before). Each image a request names moves its series' window: the <see cref="Ahead"/> files after it in the stack's
/// order and the <see cref="Behind"/> before it (a viewer scrolling back), read one file at a time, in the background, on
/// the core the request leaves idle. A request that comes for one finds it read, or waits for the read already under way.
/// <para>
/// It decides nothing and serves nothing: every request passes the guard and the audit before it names an image, and what
/// is read ahead for it is only what that physician may see (the series' visible instances, R6 in SQL). A damaged file is
/// not kept; its own request answers the error. Nothing here is logged but the type of an unexpected failure.
/// </para>
/// </summary>
internal sealed partial class SeriesReadAhead : IDisposable
{
    /// <summary>Files read after the one asked: the images a viewer's stack shows next.</summary>
    public const int Ahead = 8;

    /// <summary>Files read before it: a viewer scrolling back up the stack.</summary>
    public const int Behind = 2;

    // A multi-frame file is read by its own first frame request; the window never fills more than a third of the kept bytes.
    private const long LargestFile = 8L * 1024 * 1024;
    private const long WindowBytes = 32L * 1024 * 1024;

    // A series' order is read again after this (instances added, masked or embargoed since): it only decides what is read
    // ahead, never what is served.
    private static readonly TimeSpan OrderLife = TimeSpan.FromMinutes(2);

    // An image missing from a fresh order (not indexed yet) does not read the order again on each of its requests.
    private static readonly TimeSpan MissingRetry = TimeSpan.FromSeconds(5);

    // A 2,000-slice series' order is a few hundred kilobytes: at most this many in memory.
    private const int OrdersKept = 64;

    private readonly DicomInstanceIndex index;
    private readonly RecentDicomContent recent;
    private readonly TimeProvider time;
    private readonly ILogger<SeriesReadAhead> logger;
    private readonly Channel<object> queue = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Dictionary<SeriesKey, string> asked = [];
    private readonly Dictionary<SeriesKey, SeriesOrder> orders = [];
    private readonly Lock gate = new();
    private readonly CancellationTokenSource stopping = new();
    private int disposed;

    public SeriesReadAhead(DicomInstanceIndex index, RecentDicomContent recent, TimeProvider time, ILogger<SeriesReadAhead> logger)
    {
        this.index = index;
        this.recent = recent;
        this.time = time;
        this.logger = logger;
        _ = Task.Run(WorkAsync);
    }

    /// <summary>
    /// A request (allowed by the guard) names this image of a series: read the files around it. Returns at once. A series
    /// whose order is not known yet is looked up only when this image is not at hand: a series read before needs nothing.
    /// </summary>
    public void Follow(Guid patientId, string? viewerInami, string studyUid, string seriesUid, string sha256)
    {
        var key = new SeriesKey(patientId, viewerInami, studyUid, seriesUid);
        var atHand = recent.IsAtHand(sha256);
        lock (gate)
        {
            if (atHand && !orders.ContainsKey(key))
            {
                return;
            }

            // Only the newest image asked per series is worked on: a viewer that moved on does not want the old window.
            var queued = asked.ContainsKey(key);
            asked[key] = sha256;
            if (!queued)
            {
                queue.Writer.TryWrite(key);
            }
        }
    }

    /// <summary>Completes once every image followed before this call has had its window read (or given up).</summary>
    public Task WhenIdleAsync()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!queue.Writer.TryWrite(done))
        {
            done.SetResult();
        }

        return done.Task;
    }

    public void Dispose()
    {
        // Cancelled before the queue ends: the worker disposes the token's source once it has stopped using it.
        if (Interlocked.Exchange(ref disposed, 1) == 0)
        {
            stopping.Cancel();
            queue.Writer.TryComplete();
        }
    }

    private async Task WorkAsync()
    {
        var token = stopping.Token;
        try
        {
            await foreach (var work in queue.Reader.ReadAllAsync(token))
            {
                if (work is TaskCompletionSource idle)
                {
                    idle.SetResult();
                    continue;
                }

                var key = (SeriesKey)work;
                string? sha256;
                lock (gate)
                {
                    asked.Remove(key, out sha256);
                }

                try
                {
                    await ReadAroundAsync(key, sha256!, token);
                }
                catch (Exception ex) when (!token.IsCancellationRequested)
                {
                    // Reading ahead is only a head start: a failure costs the viewer the wait it had before, nothing more.
                    LogFailed(logger, ex.GetType().Name);
                }
            }
        }
        catch (Exception) when (token.IsCancellationRequested)
        {
            // The host is stopping (its database connections may already be closed).
        }
        finally
        {
            while (queue.Reader.TryRead(out var left))
            {
                (left as TaskCompletionSource)?.TrySetResult();
            }

            stopping.Dispose();
        }
    }

    private async Task ReadAroundAsync(SeriesKey key, string sha256, CancellationToken token)
    {
        var order = await OrderAsync(key, sha256, token);
        if (order?.Around(sha256) is not { } around)
        {
            return;
        }

        foreach (var file in around)
        {
            lock (gate)
            {
                if (asked.ContainsKey(key))
                {
                    // The viewer has already asked for another image of this series: its window comes next.
                    return;
                }
            }

            await recent.ReadAheadAsync(file, token);
        }
    }

    /// <summary>The series' order as this physician sees it, read again when old or when it lacks the image asked.</summary>
    private async Task<SeriesOrder?> OrderAsync(SeriesKey key, string sha256, CancellationToken token)
    {
        var now = time.GetUtcNow();
        lock (gate)
        {
            if (orders.TryGetValue(key, out var known) && known.ReadAt + OrderLife > now)
            {
                if (known.Contains(sha256))
                {
                    return known;
                }

                if (known.ReadAt + MissingRetry > now)
                {
                    return null;
                }
            }
        }

        var files = await index.ReadSeriesOrderAsync(key.PatientId, key.ViewerInami, key.StudyUid, key.SeriesUid, token);
        var order = new SeriesOrder(files, now);
        lock (gate)
        {
            orders[key] = order;
            if (orders.Count > OrdersKept)
            {
                foreach (var oldest in orders.OrderBy(o => o.Value.ReadAt).Take(orders.Count - (OrdersKept / 2)).Select(o => o.Key).ToList())
                {
                    orders.Remove(oldest);
                }
            }
        }

        return order;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading a series ahead failed ({ErrorType}); its images are read when asked")]
    private static partial void LogFailed(ILogger logger, string errorType);

    private readonly record struct SeriesKey(Guid PatientId, string? ViewerInami, string StudyUid, string SeriesUid);

    /// <summary>A series' files in the stack's order, and which to read around one of them.</summary>
    private sealed class SeriesOrder(IReadOnlyList<SeriesFile> files, DateTimeOffset readAt)
    {
        private readonly Dictionary<string, int> positions = files.Select((f, i) => (f.Sha256, i))
            .GroupBy(p => p.Sha256, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().i, StringComparer.Ordinal);

        public DateTimeOffset ReadAt { get; } = readAt;

        public bool Contains(string sha256) => positions.ContainsKey(sha256);

        /// <summary>The files after <paramref name="sha256"/>, then before it, within the window's bounds; null when it is not in the series.</summary>
        public List<string>? Around(string sha256)
        {
            if (!positions.TryGetValue(sha256, out var at))
            {
                return null;
            }

            var around = new List<string>(Ahead + Behind);
            var bytes = 0L;
            foreach (var i in Enumerable.Range(at + 1, Ahead).Concat(Enumerable.Range(at - Behind, Behind).Reverse()))
            {
                if (i < 0 || i >= files.Count || files[i].Size > LargestFile || files[i].Sha256 == sha256)
                {
                    continue;
                }

                bytes += files[i].Size;
                if (bytes > WindowBytes)
                {
                    break;
                }

                around.Add(files[i].Sha256);
            }

            return around;
        }
    }
}
