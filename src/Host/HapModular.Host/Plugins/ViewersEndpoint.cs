using HapModular.SharedKernel;

namespace HapModular.Host.Plugins;

/// <summary>
/// <c>GET /api/viewers</c>: the plugins, their status and their viewers. Why a plugin failed to load (which may
/// name files and types) is shown to admins only.
/// </summary>
internal static class ViewersEndpoint
{
    public static void MapViewers(this IEndpointRouteBuilder endpoints, PluginLoader plugins) =>
        endpoints.MapGet("/api/viewers", (HttpContext http) => plugins.Plugins.Select(p => new PluginDto(
                p.Id,
                p.Name,
                p.Version,
                p.Status.ToString(),
                http.User.IsInRole(Roles.Admin) ? p.Reason : null,
                p.Viewers.Select(v => new ViewerDto(v.Descriptor.Id, v.Descriptor.DisplayName, v.Descriptor.MediaTypes, v.Descriptor.SopClassUids)).ToList())))
            .WithName("ListViewers")
            .WithSummary("Lists the viewer plugins, their status and the viewers they provide.");

    internal sealed record PluginDto(string Id, string Name, string Version, string Status, string? Reason, IReadOnlyList<ViewerDto> Viewers);

    internal sealed record ViewerDto(string Id, string DisplayName, IReadOnlyList<string> MediaTypes, IReadOnlyList<string> SopClassUids);
}
