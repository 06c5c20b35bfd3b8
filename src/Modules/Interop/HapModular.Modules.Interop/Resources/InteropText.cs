namespace HapModular.Modules.Interop.Resources;

/// <summary>Marker for the Interop pages' texts (InteropText.resx is French; nl, de, en beside it).</summary>
internal sealed class InteropText;
