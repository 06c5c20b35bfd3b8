namespace HapModular.Modules.Consent.Tests;

/// <summary>The host with header authentication for the page tests; patients come from the real Records module.</summary>
public sealed class PagesFactory : ConsentFactory
{
    protected override bool UseTestAuthentication => true;

    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Consent:Proof:MaxBytes", "200000")];
}
