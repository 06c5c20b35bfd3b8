namespace HapModular.Modules.Records.Pages.Patients.Series;

/// <summary>Marker for the study's series strip texts (SeriesText.resx is French; nl, de, en beside it).</summary>
internal sealed class SeriesText;
