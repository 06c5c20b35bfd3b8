namespace HapModular.Modules.Identity.AccessTokens;

/// <summary>Marker for the personal access token page's texts (AccessTokenText.resx = French, .nl/.de/.en).</summary>
internal sealed class AccessTokenText;
