using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace HapModular.Host.Web;

/// <summary>
/// Resource look-ups without a lock per string. <c>ResourceManager.GetString</c> takes one shared lock on every call
/// (its last-used-culture cache); a timeline page asks for ~70 strings, so under concurrent load the page threads
/// queued on that lock (profiled: the largest source of lock contention). Resources never change while the host runs,
/// so each (culture, name) is resolved once through the framework's factory and then read from a concurrent map.
/// </summary>
internal sealed class CachingStringLocalizerFactory(IOptions<LocalizationOptions> options, ILoggerFactory loggerFactory) : IStringLocalizerFactory
{
    private readonly ResourceManagerStringLocalizerFactory inner = new(options, loggerFactory);
    private readonly ConcurrentDictionary<Type, IStringLocalizer> byType = new();
    private readonly ConcurrentDictionary<(string BaseName, string Location), IStringLocalizer> byName = new();

    public IStringLocalizer Create(Type resourceSource) =>
        byType.GetOrAdd(resourceSource, t => new CachingStringLocalizer(inner.Create(t)));

    public IStringLocalizer Create(string baseName, string location) =>
        byName.GetOrAdd((baseName, location), k => new CachingStringLocalizer(inner.Create(k.BaseName, k.Location)));

    private sealed class CachingStringLocalizer(IStringLocalizer inner) : IStringLocalizer
    {
        /// <summary>Names are resource keys chosen by code, but a page could one day look up a key built from input:
        /// past this many entries, look-ups go to the resource manager uncached rather than let the map grow.</summary>
        private const int MaxEntries = 20_000;

        private readonly ConcurrentDictionary<(string Culture, string Name), LocalizedString> cache = new();

        public LocalizedString this[string name]
        {
            get
            {
                var key = (CultureInfo.CurrentUICulture.Name, name);
                if (cache.TryGetValue(key, out var found))
                {
                    return found;
                }

                var value = inner[name];
                if (cache.Count < MaxEntries)
                {
                    cache.TryAdd(key, value);
                }

                return value;
            }
        }

        public LocalizedString this[string name, params object[] arguments]
        {
            get
            {
                var format = this[name];
                return new LocalizedString(name, string.Format(CultureInfo.CurrentCulture, format.Value, arguments), format.ResourceNotFound, format.SearchedLocation);
            }
        }

        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => inner.GetAllStrings(includeParentCultures);
    }
}
