namespace HapModular.Modules.Records.Resources;

/// <summary>Marker for the masking texts (document page form, desk document list): French default, nl/de/en.</summary>
internal sealed class MaskingText;
