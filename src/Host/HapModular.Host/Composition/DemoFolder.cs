namespace HapModular.Host.Composition;

/// <summary>
/// A data folder the demo (<c>--demo</c>, build/run.sh) has used says so in a marker file, so that every later process
/// on it — the README's verbs next to the running portal, a restart without the flag — is the demo too: its keys are
/// the generated ones under the folder and its public address may default to build/run.sh's. A hospital's data folder
/// never has the marker; there a missing key or address stops the host.
/// </summary>
internal static class DemoFolder
{
    /// <summary>The marker's file name under the data folder.</summary>
    public const string MarkerName = "DEMO";

    /// <summary>Whether this process runs the demo; with <paramref name="demoFlag"/> the folder is marked first.</summary>
    public static bool Resolve(IConfiguration configuration, string dataDirectory, bool demoFlag)
    {
        var marker = Path.Combine(dataDirectory, MarkerName);
        if (demoFlag && !File.Exists(marker))
        {
            File.WriteAllText(marker, "This data folder holds HapModular's demo (generated keys and demo people): never a hospital's data.\n");
        }

        return demoFlag || configuration.GetValue("Hap:Demo:Enabled", false) || File.Exists(marker);
    }
}
