using System.Diagnostics;

namespace HapModular.Host.Web;

/// <summary>
/// The id that ties an error page to its log line: the request's W3C trace id (also inside the problem details'
/// <c>traceId</c> of /api answers), else ASP.NET Core's request id.
/// </summary>
internal static class Correlation
{
    public static string Id(HttpContext context) =>
        Activity.Current is { } activity && activity.TraceId != default ? activity.TraceId.ToString() : context.TraceIdentifier;
}
