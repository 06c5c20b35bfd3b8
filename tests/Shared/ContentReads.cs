using System.Diagnostics.Metrics;

namespace HapModular.Testing;

/// <summary>
/// One host's <c>hap.dicom.content.reads</c> by source (kept, awaited, store), from the meters of that host only: other
/// hosts of the same test process publish instruments of the same name.
/// </summary>
internal sealed class ContentReads : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly Dictionary<string, long> counts = [];

    public ContentReads(IMeterFactory host)
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "hap.dicom.content.reads" && instrument.Meter.Scope == host)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "source" && tag.Value is string source)
                {
                    lock (counts)
                    {
                        counts[source] = counts.GetValueOrDefault(source) + value;
                    }
                }
            }
        });
        listener.Start();
    }

    public long Count(string source)
    {
        lock (counts)
        {
            return counts.GetValueOrDefault(source);
        }
    }

    public void Dispose() => listener.Dispose();
}
