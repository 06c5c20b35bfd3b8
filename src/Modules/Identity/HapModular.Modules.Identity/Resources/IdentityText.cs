namespace HapModular.Modules.Identity.Resources;

/// <summary>Marker for the Identity module's UI texts (IdentityText.resx = French, .nl/.de/.en).</summary>
internal sealed class IdentityText;
