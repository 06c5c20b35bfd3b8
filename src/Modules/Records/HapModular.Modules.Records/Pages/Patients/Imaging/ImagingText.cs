namespace HapModular.Modules.Records.Pages.Patients.Imaging;

/// <summary>Marker for the imaging workspace page's texts (ImagingText.resx = French, .nl/.de/.en).</summary>
internal sealed class ImagingText;
