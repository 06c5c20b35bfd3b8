using System.Text.RegularExpressions;
using HapModular.Testing;

namespace HapModular.Modules.Identity.Tests;

/// <summary>The e-mails the host delivered (its job server runs the reset, access-request and delivery jobs).</summary>
internal static partial class Outbox
{
    public static Task<IReadOnlyList<(string Subject, string Body)>> ForAsync(IdentityFactory factory, string recipient) =>
        Mailbox.ToAsync(factory, recipient);

    public static async Task<string> LinkForAsync(IdentityFactory factory, string recipient, string path)
    {
        var mails = await ForAsync(factory, recipient);
        var match = mails.Select(m => LinkPattern().Match(m.Body)).LastOrDefault(m => m.Success && m.Value.Contains(path, StringComparison.Ordinal))
            ?? throw new InvalidOperationException("No link in the mails to " + recipient);
        return new Uri(match!.Value).PathAndQuery;
    }

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex LinkPattern();
}
