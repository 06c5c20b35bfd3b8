namespace HapModular.Modules.Consent.Resources;

/// <summary>Marker for the Consent module's UI texts (ConsentText.resx = French, .nl/.de/.en).</summary>
internal sealed class ConsentText;
