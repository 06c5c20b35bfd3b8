namespace HapModular.Host.Resources;

/// <summary>Marker for the host's shared UI texts (SharedResource.resx = French, .nl/.de/.en).</summary>
public sealed class SharedResource;
