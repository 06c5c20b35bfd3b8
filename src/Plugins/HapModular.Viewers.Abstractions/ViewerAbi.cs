namespace HapModular.Viewers;

/// <summary>
/// The version of the viewer contract this SDK defines. A plugin declares the ABI it was built against in
/// <c>plugin.json</c> (<c>targetAbi</c>); the host loads it only when the major versions are equal and the
/// plugin's minor version is not newer than the host's.
/// </summary>
public static class ViewerAbi
{
    /// <summary>
    /// The ABI implemented by this build of the SDK. 1.1 added <see cref="InspectionResult.NotDisplayable"/>;
    /// 1.2 added <see cref="InspectionResult.Identity"/> (<see cref="FileIdentity"/>) and <see cref="InspectionResult.Kind"/>
    /// (<see cref="DocumentKindNames"/>). Each step is additive: plugins built for 1.0 and 1.1 still load.
    /// </summary>
    public static Version Current { get; } = new(1, 2);

    /// <summary>Whether a plugin built against <paramref name="target"/> can run on this host.</summary>
    /// <param name="target">The plugin's declared ABI.</param>
    /// <returns><see langword="true"/> when the plugin can be loaded.</returns>
    public static bool IsCompatible(Version target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return target.Major == Current.Major && target.Minor <= Current.Minor;
    }
}
