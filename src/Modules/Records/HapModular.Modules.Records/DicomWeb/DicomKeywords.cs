using System.Text.Json;
using HapModular.Modules.Shared;
using HapModular.Viewers;

namespace HapModular.Modules.Records.DicomWeb;

/// <summary>The DICOM data dictionary's keywords (keyword → tag), asked once from the DICOM plugin that owns it.</summary>
internal sealed class DicomKeywords(IViewerCatalog viewers)
{
    private IReadOnlyDictionary<string, string>? keywords;

    public async Task<IReadOnlyDictionary<string, string>> GetAsync(CancellationToken cancellationToken)
    {
        if (keywords is { } known)
        {
            return known;
        }

        var result = await DicomInstanceIndex.RenderAsync(viewers, ReadOnlyMemory<byte>.Empty, null, "dicomweb-dictionary", new Dictionary<string, string>(), cancellationToken);
        var map = result is RenderResult.JsonContent json
            ? JsonSerializer.Deserialize<Dictionary<string, string>>(json.Value) ?? []
            : [];
        return keywords = map;
    }
}
