using System.Collections.Concurrent;
using System.Diagnostics;

namespace HapModular.Testing;

/// <summary>
/// The work one HTTP request does — its database commands (Npgsql's <see cref="ActivitySource"/>) and the work items the
/// application declares (sources named <c>HapModular.*</c>, e.g. a password key derivation) — tied to that request by
/// a trace id sent in its <c>traceparent</c> header. Compares the work two requests do instead of their
/// wall-clock time (a timing oracle is gone when the work is the same; a stopwatch flakes under load).
/// Commands issued by background jobs or other tests carry other trace ids and are not counted.
/// </summary>
public sealed class RequestWork : IDisposable
{
    private readonly ConcurrentQueue<(ActivityTraceId Trace, string Command)> commands = new();
    private readonly ActivityListener listener;

    /// <summary>Starts listening (every host in this process; only traced requests are kept).</summary>
    public RequestWork()
    {
        listener = new ActivityListener
        {
            // ASP.NET Core's request activity takes the traceparent header as its parent; Npgsql's are its children.
            ShouldListenTo = source => source.Name is "Npgsql" or "Microsoft.AspNetCore" || source.Name.StartsWith("HapModular.", StringComparison.Ordinal),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (WorkOf(activity) is { } text)
                {
                    commands.Enqueue((activity.TraceId, text));
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
    }

    /// <summary>Sends <paramref name="request"/> with a fresh trace id; returns the buffered response and its commands, in order.</summary>
    public async Task<(HttpResponseMessage Response, IReadOnlyList<string> Commands)> SendAsync(HttpClient client, HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(request);
        var trace = ActivityTraceId.CreateRandom();
        request.Headers.Add("traceparent", $"00-{trace}-{ActivitySpanId.CreateRandom()}-01");
        var response = await client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return (response, commands.Where(c => c.Trace == trace).Select(c => c.Command).ToList());
    }

    /// <inheritdoc />
    public void Dispose() => listener.Dispose();

    /// <summary>A database command's text, or an application's declared work item ("source/operation tag=value…").</summary>
    private static string? WorkOf(Activity activity) => activity.Source.Name switch
    {
        "Npgsql" => (activity.GetTagItem("db.query.text") ?? activity.GetTagItem("db.statement")) as string,
        "Microsoft.AspNetCore" => null,
        var source => $"{source}/{activity.OperationName}" + string.Concat(activity.TagObjects.Select(t => $" {t.Key}={t.Value}")),
    };
}
