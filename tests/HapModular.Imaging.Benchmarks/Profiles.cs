using System.Globalization;
using System.Text.Json;

/// <summary>A V8 CPU profile (CDP Profiler.stop) reduced to its heaviest functions by self time.</summary>
internal static class Profiles
{
    public static IReadOnlyList<string> Top(JsonElement? stopped, int count)
    {
        if (stopped is not { } result || !result.TryGetProperty("profile", out var profile))
        {
            return [];
        }

        var names = new Dictionary<int, string>();
        foreach (var node in profile.GetProperty("nodes").EnumerateArray())
        {
            var frame = node.GetProperty("callFrame");
            var name = frame.GetProperty("functionName").GetString() is { Length: > 0 } n ? n : "(anonymous)";
            var url = frame.GetProperty("url").GetString() ?? string.Empty;
            names[node.GetProperty("id").GetInt32()] = $"{name} {Path.GetFileName(url)}:{frame.GetProperty("lineNumber").GetInt32() + 1}:{frame.GetProperty("columnNumber").GetInt32() + 1}";
        }

        var samples = profile.GetProperty("samples").EnumerateArray().Select(s => s.GetInt32()).ToList();
        var deltas = profile.GetProperty("timeDeltas").EnumerateArray().Select(d => d.GetDouble() / 1000).ToList();
        var self = new Dictionary<string, double>();
        for (var i = 0; i < samples.Count; i++)
        {
            var name = names[samples[i]];
            self[name] = self.GetValueOrDefault(name) + (i + 1 < deltas.Count ? deltas[i + 1] : 0);
        }

        return [.. self.OrderByDescending(p => p.Value).Take(count).Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Value,7:0.0} ms  {p.Key}"))];
    }
}
