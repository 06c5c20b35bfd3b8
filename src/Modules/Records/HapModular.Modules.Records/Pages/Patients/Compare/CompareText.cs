namespace HapModular.Modules.Records.Pages.Patients.Compare;

/// <summary>Marker for the photo comparison texts (CompareText.resx is French; nl, de, en beside it).</summary>
internal sealed class CompareText;
