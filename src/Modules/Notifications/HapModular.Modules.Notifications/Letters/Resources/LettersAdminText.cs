namespace HapModular.Modules.Notifications.Letters.Resources;

/// <summary>Marker for the letters admin page's texts (LettersAdminText.resx = French, .nl/.de/.en).</summary>
internal sealed class LettersAdminText;
