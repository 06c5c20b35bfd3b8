using HapModular.Imaging.Testing;

namespace HapModular.Imaging.AcceptanceTests;

/// <summary>One portal for the DICOMweb peer tests (Orthanc, JPEG): started once, its token created once.</summary>
[CollectionDefinition(Name)]
public sealed class ImagingPortalCollection : ICollectionFixture<ImagingPortal>
{
    public const string Name = "imaging portal";
}
