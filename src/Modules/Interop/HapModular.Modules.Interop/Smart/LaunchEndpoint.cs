using System.Net.Http.Headers;
using System.Text;
using HapModular.Modules.Records.Contracts;
using HapModular.SharedKernel;
using MediatR;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace HapModular.Modules.Interop.Smart;

/// <summary>
/// <c>POST /smart/launch</c> (form <c>niss=…</c>), called by the registered GP software with its client credentials
/// (HTTP Basic, or <c>client_id</c> + <c>client_secret</c> in the form): answers an opaque launch id for the authorize
/// URL, so the NISS never travels in a URL or lands in a log. Whether anyone holds that NISS is not told: the answer
/// is the same, and the authorize step shows the neutral page for both "no such patient" and "no link".
/// </summary>
internal static class LaunchEndpoint
{
    public static async Task<IResult> Post(HttpContext http)
    {
        http.Response.Headers.CacheControl = "no-store";
        if (!http.Request.HasFormContentType)
        {
            return Error(StatusCodes.Status400BadRequest, "invalid_request", "Send a form (application/x-www-form-urlencoded) with niss=<11 digits>.");
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var (clientId, secret) = Credentials(http.Request, form);
        var client = http.RequestServices.GetRequiredService<SmartClients>().Find(clientId);
        if (client is null || !client.Proves(secret))
        {
            http.Response.Headers.WWWAuthenticate = "Basic realm=\"HapModular SMART\"";
            return Error(StatusCodes.Status401Unauthorized, "invalid_client", "A registered client with its secret may create launches.");
        }

        if (!Niss.TryParse(form["niss"].ToString(), out var niss, out _))
        {
            return Error(StatusCodes.Status400BadRequest, "invalid_request", "niss: 11 digits with valid check digits.");
        }

        var patientId = await http.RequestServices.GetRequiredService<IMediator>().Send(new FindNissHolder(niss.Digits), http.RequestAborted);
        var (launch, expiresIn) = await http.RequestServices.GetRequiredService<LaunchStore>().CreateAsync(client.ClientId, patientId, http.RequestAborted);
        return Results.Json(new Dictionary<string, object> { ["launch"] = launch, ["expires_in"] = (int)expiresIn.TotalSeconds });
    }

    private static (string? Id, string? Secret) Credentials(HttpRequest request, IFormCollection form)
    {
        if (AuthenticationHeaderValue.TryParse(request.Headers.Authorization.ToString(), out var header)
            && string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase) && header.Parameter is { } encoded)
        {
            try
            {
                var pair = Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
                var colon = pair.IndexOf(':', StringComparison.Ordinal);
                return colon < 0 ? (null, null) : (Uri.UnescapeDataString(pair[..colon]), Uri.UnescapeDataString(pair[(colon + 1)..]));
            }
            catch (FormatException)
            {
                return (null, null);
            }
        }

        return (form["client_id"].ToString(), form["client_secret"].ToString());
    }

    private static IResult Error(int status, string error, string description) =>
        Results.Json(new Dictionary<string, string> { ["error"] = error, ["error_description"] = description }, statusCode: status);
}
