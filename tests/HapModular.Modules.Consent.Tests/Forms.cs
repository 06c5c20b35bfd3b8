using HapModular.Testing;

namespace HapModular.Modules.Consent.Tests;

/// <summary>The Consent tests' short names for the shared <see cref="PageForms"/> (GET for the token, then POST).</summary>
internal static class Forms
{
    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string page, IReadOnlyDictionary<string, string> fields, (string Name, string FileName, byte[] Content)? file = null, string? action = null) =>
        PageForms.PostAsync(client, page, fields, file, action);

    public static async Task<string> FollowAsync(HttpClient client, HttpResponseMessage response) =>
        await client.GetStringAsync(await PageForms.AssertRedirectAsync(response, "form"));
}
