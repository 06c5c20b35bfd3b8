using HapModular.Modules.Shared;

namespace HapModular.Modules.Records.Patients;

/// <summary>
/// Where the NISS master key comes from: configuration <c>Records:NissKey</c> (base64). In Development, Testing and the demo
/// a missing key is generated once and kept under the data folder, so demo data survives restarts; elsewhere a
/// missing key stops the host rather than inventing one that a restore would not know.
/// </summary>
internal static class NissKeySource
{
    public static byte[] Load(ModuleContext context) => SecretKeys.Load(context, "Records:NissKey", "records-niss.key");
}
