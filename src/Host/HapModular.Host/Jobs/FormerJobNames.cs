using System.Reflection;
using Hangfire.Common;
using HapModular.Modules.Shared;
using HapModular.Modules.Shared.Jobs;

namespace HapModular.Host.Jobs;

/// <summary>
/// Hangfire's type resolver, with the former names of moved job classes (<see cref="FormerJobNameAttribute"/>): a job
/// queued, scheduled or awaiting retry under the previous release's name still runs after an upgrade. Every other name
/// goes to Hangfire's own resolver, unchanged.
/// </summary>
internal static class FormerJobNames
{
    public static Func<string, Type> Resolver(IEnumerable<Assembly> assemblies)
    {
        // Read when the first job is resolved, off the start-up path: the scan took 55 ms when it was the first to load the
        // modules' types (before Autofac's registration), 1 ms after (measured).
        var former = new Lazy<Dictionary<string, Type>>(() => Read(assemblies));
        return typeName => former.Value.TryGetValue(typeName, out var type) ? type : TypeHelper.DefaultTypeResolver(typeName);
    }

    public static Func<string, Type> Resolver(IEnumerable<IModule> modules) => Resolver(modules.Select(m => m.GetType().Assembly).ToList());

    private static Dictionary<string, Type> Read(IEnumerable<Assembly> assemblies)
    {
        var former = new Dictionary<string, Type>(StringComparer.Ordinal);
        foreach (var type in assemblies.Distinct().SelectMany(a => a.GetTypes()))
        {
            foreach (var name in type.GetCustomAttributes<FormerJobNameAttribute>())
            {
                if (!former.TryAdd(name.TypeName, type))
                {
                    throw new InvalidOperationException($"Two job types claim the former name {name.TypeName}: {former[name.TypeName]} and {type}.");
                }
            }
        }

        return former;
    }
}
