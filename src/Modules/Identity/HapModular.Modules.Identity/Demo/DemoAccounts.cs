using HapModular.SharedKernel;

namespace HapModular.Modules.Identity.Demo;

/// <summary>
/// The demo accounts of <c>build/run.sh --demo</c>. Their TOTP secrets are public on purpose (printed at start-up,
/// used by the browser tests); only the demo seeder writes them, never production configuration.
/// </summary>
internal static class DemoAccounts
{
    public const string Password = "Hap-Demo-Portal-2026";

    public static readonly IReadOnlyList<DemoAccount> All =
    [
        new("admin@demo.hapmodular.be", "Anne", "Admin", Roles.Admin, null, null, "IFV73DIFNYW3QBT4FAIANH7DFSIEC2P3"),
        new("desk@demo.hapmodular.be", "Denis", "Guichet", Roles.PatientDesk, null, null, "PRZCQIUFKXDNBJME5GD7ALI7QV2NA3ND"),
        new("dpo@demo.hapmodular.be", "Delphine", "Protection", Roles.Dpo, null, null, "Z4OEVQC7FK74JHCV2N3VEFAKAOOPQF3T"),
        new("dr.dupont@demo.hapmodular.be", "Jean", "Dupont", Roles.Physician, "18334780004", "general-practice", "VT7IS4U7VFXVQE57VUMMSHMKISU2AMPK"),
        new("dr.peeters@demo.hapmodular.be", "An", "Peeters", Roles.Physician, "10000106003", "general-practice", "DTZWVWZD5YB2I6O5ACH5XK3AJU7Y3RP2"),
        new("dr.lambert@demo.hapmodular.be", "Claire", "Lambert", Roles.Physician, "12345625004", "general-practice", "KNY35JNDK6WZUKJ53VWNQH7OZR3Q3GZ4"),
    ];
}

/// <summary>One demo account.</summary>
internal sealed record DemoAccount(string Email, string FirstName, string LastName, string Role, string? Inami, string? Specialty, string TotpSecret);
