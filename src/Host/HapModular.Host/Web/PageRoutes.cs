namespace HapModular.Host.Web;

/// <summary>
/// Which pages exist, so the navigation shows a link only when a module provides its page (modules arrive one
/// issue at a time; a link to nothing would be a broken promise).
/// </summary>
public sealed class PageRoutes(EndpointDataSource endpoints)
{
    private HashSet<string>? routes;

    /// <summary>Whether a page or endpoint answers at this path (e.g. <c>/patients</c>).</summary>
    public bool Exists(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        // Kept without their slashes and looked up by span: the layout asks for each of its links on every page, and
        // "/" + path.Trim('/') made two strings per link per page (issue 15).
        routes ??= endpoints.Endpoints.OfType<RouteEndpoint>()
            .Select(e => (e.RoutePattern.RawText ?? string.Empty).Trim('/'))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        return routes.GetAlternateLookup<ReadOnlySpan<char>>().Contains(path.AsSpan().Trim('/'));
    }
}
