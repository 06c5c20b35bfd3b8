namespace HapModular.Modules.Records.Resources;

/// <summary>Marker for the Records pages' texts (RecordsText.resx is French; nl, de, en beside it).</summary>
internal sealed class RecordsText;
