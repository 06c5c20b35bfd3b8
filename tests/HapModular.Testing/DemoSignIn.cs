using System.Net;
using OtpNet;

namespace HapModular.Testing;

/// <summary>
/// Signs a demo account in as its owner does: the password page, then the code his authenticator app shows. For tests
/// and benchmarks on the real clock that must take the production session path (not a test header).
/// </summary>
public static class DemoSignIn
{
    /// <summary>The password of every demo account (build/run.sh prints it).</summary>
    public const string Password = "Hap-Demo-Portal-2026";

    /// <summary>Dr Jean Dupont, the demo GP.</summary>
    public static readonly DemoAccount Dupont = new("dr.dupont@demo.hapmodular.be", "VT7IS4U7VFXVQE57VUMMSHMKISU2AMPK");

    /// <summary>
    /// Signs <paramref name="account"/> in on <paramref name="client"/> (which keeps cookies and does not follow redirects).
    /// A code is accepted once per 30-second step, so when this step's code was already spent (another test, the same
    /// minute) the next steps' codes are tried.
    /// </summary>
    /// <exception cref="InvalidOperationException">Every code was refused.</exception>
    public static async Task SignInAsync(HttpClient client, DemoAccount account)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(account);
        using (var password = await PageForms.PostAsync(client, "/account/sign-in", new Dictionary<string, string> { ["Email"] = account.Email, ["Password"] = Password }))
        {
            if (password.StatusCode != HttpStatusCode.Redirect)
            {
                throw new InvalidOperationException($"The password of {account.Email} was refused ({(int)password.StatusCode} at {password.RequestMessage?.RequestUri?.AbsolutePath}).");
            }
        }

        var totp = new Totp(Base32Encoding.ToBytes(account.TotpSecret));
        var now = DateTime.UtcNow;
        var answers = new List<int>();
        foreach (var when in new[] { now, now.AddSeconds(30), now.AddSeconds(60) })
        {
            using var code = await PageForms.PostAsync(client, "/account/sign-in/code", new Dictionary<string, string> { ["Code"] = totp.ComputeTotp(when) });
            if (code.StatusCode == HttpStatusCode.Redirect)
            {
                return;
            }

            answers.Add((int)code.StatusCode);
        }

        throw new InvalidOperationException($"Every code of {account.Email} was refused ({string.Join(", ", answers)}).");
    }
}

/// <summary>A demo account's e-mail and authenticator secret (public demo data, printed by build/run.sh).</summary>
public sealed record DemoAccount(string Email, string TotpSecret);
