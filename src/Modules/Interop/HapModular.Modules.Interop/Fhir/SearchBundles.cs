using System.Globalization;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;

namespace HapModular.Modules.Interop.Fhir;

/// <summary>
/// A searchset bundle with its total and paging links (<c>_count</c>, <c>_getpagesoffset</c>). No random id and no
/// timestamp: two searches that find nothing are byte-identical whatever the reason.
/// </summary>
internal static class SearchBundles
{
    public static Bundle Of(HttpContext http, IReadOnlyList<Resource> resources, int total, int offset, int count)
    {
        ArgumentNullException.ThrowIfNull(http);
        var bundle = new Bundle { Type = Bundle.BundleType.Searchset, Total = total };
        var baseUrl = BaseUrl(http.Request);
        foreach (var resource in resources)
        {
            bundle.Entry.Add(new Bundle.EntryComponent
            {
                FullUrl = $"{baseUrl}/{resource.TypeName}/{resource.Id}",
                Resource = resource,
                Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Match },
            });
        }

        bundle.Link.Add(new Bundle.LinkComponent { Relation = "self", Url = PageUrl(http.Request, offset, count) });
        if (offset + count < total && count > 0)
        {
            bundle.Link.Add(new Bundle.LinkComponent { Relation = "next", Url = PageUrl(http.Request, offset + count, count) });
        }

        if (offset > 0)
        {
            bundle.Link.Add(new Bundle.LinkComponent { Relation = "previous", Url = PageUrl(http.Request, Math.Max(0, offset - count), count) });
        }

        return bundle;
    }

    /// <summary>The FHIR base the client used (links go back to the same caller; nothing is e-mailed or cached).</summary>
    public static string BaseUrl(HttpRequest request) => UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, "/fhir");

    private static string PageUrl(HttpRequest request, int offset, int count)
    {
        var parameters = request.Query
            .Where(q => q.Key is not ("_getpagesoffset" or "_count"))
            .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)))
            .Append(new("_count", count.ToString(CultureInfo.InvariantCulture)))
            .Append(new("_getpagesoffset", offset.ToString(CultureInfo.InvariantCulture)));
        return UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, request.Path, QueryString.Create(parameters));
    }
}
