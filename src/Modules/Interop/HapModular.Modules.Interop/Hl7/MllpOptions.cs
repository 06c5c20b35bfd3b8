using Microsoft.Extensions.Configuration;

namespace HapModular.Modules.Interop.Hl7;

/// <summary>HL7 v2 over MLLP: <c>Interop:Mllp:*</c>, port also from <c>HAP_MLLP_PORT</c> (default 2575; 0 = a free port).</summary>
internal sealed record MllpOptions(bool Enabled, string BindAddress, int Port, int MaxMessageBytes, TimeSpan IdleTimeout)
{
    public static MllpOptions From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Interop:Mllp");
        return new MllpOptions(
            section.GetValue("Enabled", true),
            section["BindAddress"] ?? "127.0.0.1",
            configuration.GetValue<int?>("HAP_MLLP_PORT") ?? section.GetValue("Port", 2575),
            section.GetValue("MaxMessageBytes", 96 * 1024 * 1024),
            TimeSpan.FromSeconds(section.GetValue("IdleSeconds", 120)));
    }
}
