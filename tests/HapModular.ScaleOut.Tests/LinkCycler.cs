using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;
using HapModular.Testing;

namespace HapModular.ScaleOut.Tests;

/// <summary>A demo patient as the physician knows him from the eID (the NISS never leaves the test).</summary>
internal sealed record KnownPatient(Guid Id, string LastName, string Niss, DateOnly BirthDate);

/// <summary>
/// One physician at his practice, talking to the hosts directly: declares a link (signed consent drawn on the pad) on
/// one host, reads the timeline on the other (allowed at once), ends the link there and reads on the first (refused at
/// once, the neutral 404) — the next cycle with the hosts swapped. Every declaration is one <c>LinkCreated</c> event,
/// hence one letter; the shared budget stops all cyclers at exactly <see cref="LinkBudget.Total"/> declarations.
/// </summary>
internal sealed class LinkCycler(PortalSession session, HostChoice hosts, LinkBudget budget, IReadOnlyList<KnownPatient> patients, bool startOnA, ConcurrentQueue<string> failures)
{
    // A link's id is its (physician, patient) stream: found once on the patient list, the same for every cycle.
    private readonly Dictionary<Guid, string> linkIds = [];
    private string? token;

    public int CrossHostChecks { get; private set; }

    public async Task RunAsync(CancellationToken stop)
    {
        for (var cycle = 0; !stop.IsCancellationRequested && budget.TryTake(); cycle++)
        {
            var patient = patients[cycle % patients.Count];
            var onA = startOnA ^ (cycle % 2 == 1);
            var timeline = $"/patients/{patient.Id}";
            if (!await hosts.RunAsync(onA, url => DeclareAsync(url, patient, cycle)))
            {
                return;
            }

            budget.Confirm();
            if (await hosts.RunAsync(!onA, url => StatusAsync(url, timeline)) is var allowed and not HttpStatusCode.OK)
            {
                failures.Enqueue($"a link declared a moment ago did not open the timeline on the other host ({allowed})");
                return;
            }

            var linkId = linkIds.GetValueOrDefault(patient.Id) ?? await hosts.RunAsync(!onA, url => LinkIdAsync(url, patient));
            if (linkId is null || !await hosts.RunAsync(!onA, url => EndAsync(url, linkId)))
            {
                failures.Enqueue("the physician's own active link could not be ended");
                return;
            }

            if (await hosts.RunAsync(onA, url => StatusAsync(url, timeline)) is var refused and not HttpStatusCode.NotFound)
            {
                failures.Enqueue($"a link ended a moment ago on one host still opened the timeline on the other ({refused})");
                return;
            }

            CrossHostChecks += 2;
        }
    }

    private async Task<bool> DeclareAsync(string url, KnownPatient patient, int variant)
    {
        var fields = new Dictionary<string, string>
        {
            ["Niss"] = patient.Niss,
            ["LastName"] = patient.LastName,
            ["BirthDate"] = patient.BirthDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["LinkType"] = "consultation",
            ["ProofMode"] = "signature",
            // A few distinct signatures: the same proof bytes are stored by both hosts at once (one blob, same name).
            ["Signature"] = "data:image/png;base64," + Convert.ToBase64String(ConsentProofs.Signature(variant % 4)),
        };
        // The form's token, read once like a browser that keeps the page open: valid on every host of the session.
        token ??= await PageForms.TokenAsync(session.At(url), "/links/declare");
        using var response = await PageForms.PostWithTokenAsync(session.At(url), "/links/declare", token, fields);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            failures.Enqueue($"declaring a link was refused ({(int)response.StatusCode})");
            return false;
        }

        return true;
    }

    private async Task<HttpStatusCode> StatusAsync(string url, string path)
    {
        using var response = await session.At(url).GetAsync(new Uri(path, UriKind.Relative));
        return response.StatusCode;
    }

    /// <summary>The "end link" button of the patient's row on the physician's patient list.</summary>
    private async Task<string?> LinkIdAsync(string url, KnownPatient patient)
    {
        var html = await session.At(url).GetStringAsync(new Uri("/patients", UriKind.Relative));
        var row = Regex.Match(html, $"/patients/{patient.Id}\"(?:(?!</tr>).)*?/links/([0-9a-f-]{{36}})/end", RegexOptions.Singleline);
        if (row.Success)
        {
            linkIds[patient.Id] = row.Groups[1].Value;
        }

        return row.Success ? row.Groups[1].Value : null;
    }

    private async Task<bool> EndAsync(string url, string linkId)
    {
        using var response = await PageForms.PostWithTokenAsync(session.At(url), $"/links/{linkId}/end", token!, new Dictionary<string, string> { ["Reason"] = "care-ended" });
        return response.StatusCode == HttpStatusCode.Redirect;
    }
}

/// <summary>Exactly <see cref="Total"/> declarations shared by the cyclers.</summary>
internal sealed class LinkBudget(int total)
{
    private int taken;
    private int confirmed;

    public int Total => total;

    public int Confirmed => Volatile.Read(ref confirmed);

    public bool TryTake() => Interlocked.Increment(ref taken) <= total;

    public void Confirm() => Interlocked.Increment(ref confirmed);
}
