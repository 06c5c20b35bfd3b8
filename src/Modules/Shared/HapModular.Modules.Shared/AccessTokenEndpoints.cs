using Microsoft.AspNetCore.Builder;

namespace HapModular.Modules.Shared;

/// <summary>
/// Opt-in for personal access tokens (<c>Authorization: Bearer hap_pat_…</c>): a token authenticates only on an
/// endpoint carrying <see cref="AcceptsAccessTokens"/> metadata, and only for reads (GET, HEAD). Everywhere else the
/// request stays anonymous, so a leaked token opens nothing but those read-only interfaces (DICOMweb, FHIR).
/// </summary>
public static class AccessTokenEndpoints
{
    /// <summary>Lets personal access tokens authenticate on these endpoints (the session cookie still works too).</summary>
    /// <typeparam name="TBuilder">The endpoint convention builder.</typeparam>
    /// <param name="builder">The endpoints.</param>
    /// <returns>The same builder.</returns>
    public static TBuilder AcceptAccessTokens<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(AcceptsAccessTokens.Instance);
}

/// <summary>Endpoint metadata: personal access tokens are accepted here (read-only).</summary>
public sealed class AcceptsAccessTokens
{
    private AcceptsAccessTokens()
    {
    }

    /// <summary>The one instance.</summary>
    public static AcceptsAccessTokens Instance { get; } = new();

    /// <summary>How a request authenticated with a token says so (claim <see cref="ChannelClaim"/>).</summary>
    public const string ChannelClaim = "hap:channel";

    /// <summary>The channel claim's value for a personal access token (a desktop viewer, a FHIR client…).</summary>
    public const string TokenChannel = "access-token";

    /// <summary>The channel claim's value for a SMART App Launch access token (scoped to its launch patient).</summary>
    public const string SmartChannel = "smart";

    /// <summary>
    /// The authentication scheme for Bearer tokens that are not personal access tokens: SMART App Launch access tokens
    /// (registered by the Interop module; like personal access tokens, only on these endpoints and only for reads).
    /// </summary>
    public const string SmartScheme = "HapSmartToken";
}
