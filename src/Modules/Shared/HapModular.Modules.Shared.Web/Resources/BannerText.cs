namespace HapModular.Modules.Shared.Web.Resources;

/// <summary>Marker for the banner's texts (BannerText.resx is French; nl, de, en beside it).</summary>
public sealed class BannerText;
