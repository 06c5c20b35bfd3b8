using System.Net;
using System.Text.RegularExpressions;
using HapModular.Modules.Identity.Accounts;
using HapModular.Testing;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace HapModular.Modules.Identity.Tests;

public sealed partial class AccessRequestTests(IdentityFactory factory) : IClassFixture<IdentityFactory>
{
    [Theory]
    [InlineData("1834780004", "compte 11 chiffres")]
    [InlineData("18334781004", "chiffres de contrôle ne correspondent pas")]
    [InlineData("10000197003", "chiffres de contrôle ne correspondent pas")]
    [InlineData("", "compte 11 chiffres")]
    public async Task An_invalid_INAMI_number_gets_a_clear_message_next_to_the_field(string inami, string message)
    {
        using var client = factory.NewClient();
        using var response = await Forms.PostAsync(client, "/access-request", Fields(inami, $"x{Guid.NewGuid():N}@example.be"));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, FieldMessage(html, "Form.Inami"), StringComparison.Ordinal);
        Assert.DoesNotContain("Merci", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("15432106000")]
    [InlineData("1-23456-25-004")]
    public async Task A_valid_INAMI_number_is_accepted(string inami)
    {
        using var client = factory.NewClient();
        using var response = await Forms.PostAsync(client, "/access-request", Fields(inami, $"v{Guid.NewGuid():N}@example.be"));
        Assert.Contains("Votre demande a été reçue", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_specialty_comes_from_the_qualification_code_and_the_terms_version_is_stored()
    {
        var email = $"gp{Guid.NewGuid():N}@example.be";
        using var client = factory.NewClient();
        var fields = Fields("18334780004", email);
        fields["Form.Specialty"] = "cardiology";
        (await Forms.PostAsync(client, "/access-request", fields)).Dispose();

        var account = Assert.Single(await AccountsAsync("18334780"));
        Assert.Equal("general-practice", account.Specialty);
        Assert.Equal("2026-11", account.TermsVersion);
        Assert.Equal(AccountStatus.Requested, account.Status);
    }

    [Fact]
    public async Task A_second_request_for_the_same_INAMI_identity_is_answered_alike_and_creates_no_account()
    {
        using var client = factory.NewClient();
        using var first = await Forms.PostAsync(client, "/access-request", Fields("10000106003", $"a{Guid.NewGuid():N}@example.be"));
        // Same person (digits 1–8), another qualification and e-mail.
        using var second = await Forms.PostAsync(client, "/access-request", Fields("10000106000", $"b{Guid.NewGuid():N}@example.be"));

        Assert.Equal(first.StatusCode, second.StatusCode);
        Assert.Equal(MainOf(await first.Content.ReadAsStringAsync()), MainOf(await second.Content.ReadAsStringAsync()));
        Assert.Single(await AccountsAsync("10000106"));
    }

    [Fact]
    public async Task A_forged_post_without_the_anti_forgery_token_is_refused()
    {
        using var client = factory.NewClient();
        using var content = new FormUrlEncodedContent(Fields("18334780004", "forged@example.be"));
        using var response = await client.PostAsync(new Uri("/access-request", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(await AccountsAsync("18334780"), a => a.Email == "forged@example.be");
    }

    /// <summary>
    /// Issue 12: a repeated request is never silently dropped. The page tells everyone what happens to a second
    /// request (without saying whether this INAMI has an account), and the existing account's own address is told,
    /// with the address that was typed; still one account only.
    /// </summary>
    [Fact]
    public async Task A_repeated_request_is_explained_on_the_page_and_mailed_to_the_existing_account()
    {
        var original = $"orig{Guid.NewGuid():N}@example.be";
        var typed = $"again{Guid.NewGuid():N}@example.be";
        using var client = factory.NewClient();
        (await Forms.PostAsync(client, "/access-request", Fields("10000304004", original))).Dispose();
        // Requests are recorded in the background, one at a time but not necessarily in order: this one first.
        await factory.WaitUntilDoneAsync();

        using var second = await Forms.PostAsync(client, "/access-request", Fields("10000304004", typed));
        var page = System.Net.WebUtility.HtmlDecode(await second.Content.ReadAsStringAsync());

        Assert.Contains("aucune nouvelle demande n'est créée", page, StringComparison.Ordinal);
        Assert.Single(await AccountsAsync("10000304"));
        var mail = Assert.Single(await Outbox.ForAsync(factory, original));
        Assert.Contains("nouvelle demande d'accès", mail.Subject, StringComparison.Ordinal);
        Assert.Contains(typed, mail.Body, StringComparison.Ordinal);
        Assert.Contains("Mot de passe oublié", mail.Body, StringComparison.Ordinal);
        Assert.Empty(await Outbox.ForAsync(factory, typed));
    }

    internal static Dictionary<string, string> Fields(string inami, string email) => new()
    {
        ["Form.FirstName"] = "Louis",
        ["Form.LastName"] = "Pasteur",
        ["Form.Inami"] = inami,
        ["Form.Specialty"] = "cardiology",
        ["Form.Email"] = email,
        ["Form.Phone"] = "065 00 00 00",
        ["Form.PracticeAddress"] = "Rue de la Clé 1, 7000 Mons",
        ["Form.AcceptTerms"] = "true",
    };

    private async Task<IReadOnlyList<Account>> AccountsAsync(string identity)
    {
        // The request is recorded by a background job.
        await factory.WaitUntilDoneAsync();
        using var scope = factory.Services.CreateScope();
        await using var session = scope.ServiceProvider.GetRequiredService<IIdentityStore>().QuerySession();
        return await session.Query<Account>().Where(a => a.InamiIdentity == identity).ToListAsync();
    }

    private static string FieldMessage(string html, string field) =>
        Regex.Match(html, $"data-valmsg-for=\"{Regex.Escape(field)}\"[^>]*>([^<]*)<").Groups[1].Value is var m && m.Length > 0
            ? WebUtility.HtmlDecode(m)
            : throw new InvalidOperationException("No message for " + field);

    private static string MainOf(string html) =>
        MainPattern().Match(html).Groups[1].Value;

    [GeneratedRegex("<main[^>]*>(.*)</main>", RegexOptions.Singleline)]
    private static partial Regex MainPattern();
}
