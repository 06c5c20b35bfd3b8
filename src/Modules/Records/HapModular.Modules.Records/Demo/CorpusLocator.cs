using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HapModular.Modules.Records.Demo;

/// <summary>
/// The test corpus for the demo's optional extra: <c>Hap:Demo:Corpus</c> (a folder, or <c>none</c>), else
/// <c>shared/corpus</c> found by walking up from the content root and the program folder.
/// </summary>
internal static class CorpusLocator
{
    public static string? Find(IServiceProvider services)
    {
        var configured = services.GetService<IConfiguration>()?["Hap:Demo:Corpus"];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured == "none" || !Directory.Exists(configured) ? null : Path.GetFullPath(configured);
        }

        return Find(services.GetService<IWebHostEnvironment>()?.ContentRootPath, AppContext.BaseDirectory);
    }

    public static string? Find(params string?[] starts)
    {
        foreach (var start in starts.Where(s => !string.IsNullOrEmpty(s)))
        {
            for (var dir = new DirectoryInfo(start!); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "corpus");
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
