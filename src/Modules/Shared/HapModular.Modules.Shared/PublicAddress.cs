using Microsoft.Extensions.Configuration;

namespace HapModular.Modules.Shared;

/// <summary>
/// The portal's public address (<c>Hap:PublicBaseUrl</c>, e.g. <c>https://portal.hospital.be</c>), the only base of
/// every link the portal sends (enrolment, password reset). Links are never built from the request's Host header: an
/// attacker chooses that header, and would receive a genuine token on their own site.
/// </summary>
public static class PublicAddress
{
    /// <summary>What Development uses when nothing is configured (build/run.sh's default port).</summary>
    public const string DevelopmentDefault = "http://127.0.0.1:5080";

    /// <summary>
    /// Reads and checks the configured address (<c>Hap:PublicBaseUrl</c>, or the older <c>Identity:PublicBaseUrl</c>).
    /// </summary>
    /// <exception cref="InvalidOperationException">Outside Development when it is missing, and whenever it is not an absolute http(s) URL.</exception>
    public static Uri Resolve(IConfiguration configuration, bool isDevelopment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var configured = configuration["Hap:PublicBaseUrl"] is { Length: > 0 } hap ? hap : configuration["Identity:PublicBaseUrl"];
        if (string.IsNullOrWhiteSpace(configured))
        {
            return isDevelopment
                ? new Uri(DevelopmentDefault)
                : throw new InvalidOperationException(
                    "Hap:PublicBaseUrl is not configured: e-mailed links need the portal's public address (e.g. https://portal.hospital.be); " +
                    "links are never built from the request's Host header.");
        }

        return Uri.TryCreate(configured.Trim().TrimEnd('/'), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment)
            ? uri
            : throw new InvalidOperationException("Hap:PublicBaseUrl must be an absolute http(s) URL without query or fragment.");
    }
}
