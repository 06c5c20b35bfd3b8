namespace HapModular.Modules.Audit.Resources;

/// <summary>Marker for the Audit pages' texts (AuditText.resx is French; nl, de, en beside it).</summary>
internal sealed class AuditText;
