using HapModular.Modules.Records.Contracts;
using Microsoft.Extensions.Configuration;

namespace HapModular.Modules.Interop.Dicom;

/// <summary>
/// The C-STORE SCP's settings: <c>Interop:Dicom:*</c>, the port also from <c>HAP_DICOM_PORT</c> (default 11112; 0 picks
/// a free port, as the tests do), bound to 127.0.0.1 unless <c>BindAddress</c> says otherwise.
/// </summary>
internal sealed record DicomOptions(bool Enabled, string AeTitle, string BindAddress, int Port, IReadOnlySet<string> AllowedCallingAeTitles, int MaxAssociations, int MaxDatasetBytes, TimeSpan IdleTimeout)
{
    /// <summary>The largest PDU the portal receives (announced in A-ASSOCIATE-AC).</summary>
    public const int MaxPduLength = 256 * 1024;

    public static DicomOptions From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Interop:Dicom");
        var allowed = section.GetSection("AllowedCallingAeTitles").Get<string[]>() ?? ["STORESCU", "ECHOSCU", "ORTHANC", "PACS"];
        return new DicomOptions(
            section.GetValue("Enabled", true),
            section["AeTitle"] ?? "HAPMODULAR",
            section["BindAddress"] ?? "127.0.0.1",
            configuration.GetValue<int?>("HAP_DICOM_PORT") ?? section.GetValue("Port", 11112),
            allowed.Select(a => a.Trim()).ToHashSet(StringComparer.Ordinal),
            section.GetValue("MaxAssociations", 16),
            section.GetValue("MaxDatasetBytes", (int)Math.Min(int.MaxValue, configuration.GetValue(DocumentLimits.Setting, DocumentLimits.DefaultMaxBytes))),
            TimeSpan.FromSeconds(section.GetValue("IdleSeconds", 120)));
    }
}
