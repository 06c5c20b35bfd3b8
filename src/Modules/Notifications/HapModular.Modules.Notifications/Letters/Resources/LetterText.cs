namespace HapModular.Modules.Notifications.Letters.Resources;

/// <summary>Marker for the letter texts (LetterText.resx = French, .nl/.de/.en), read in the patient's language.</summary>
internal sealed class LetterText;
