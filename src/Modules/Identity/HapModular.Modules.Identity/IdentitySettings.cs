using Microsoft.Extensions.Configuration;

namespace HapModular.Modules.Identity;

/// <summary>Identity settings (section <c>Identity</c>); the defaults are what ships.</summary>
internal sealed record IdentitySettings
{
    public int PasswordIterations { get; init; } = 210_000;

    public int AccountLockoutThreshold { get; init; } = 5;

    public int AddressLockoutThreshold { get; init; } = 20;

    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(30);

    public TimeSpan AbsoluteLifetime { get; init; } = TimeSpan.FromHours(12);

    public TimeSpan EnrolmentLinkLifetime { get; init; } = TimeSpan.FromDays(3);

    public TimeSpan ResetLinkLifetime { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Base address written into e-mailed links: the host's <c>Hap:PublicBaseUrl</c>, never the request's Host.</summary>
    public Uri PublicBaseUrl { get; init; } = new(Shared.PublicAddress.DevelopmentDefault);

    /// <summary>The terms of use version a request accepts (the text is in the resources, per version).</summary>
    public string TermsVersion { get; init; } = "2026-11";

    public static IdentitySettings From(Shared.ModuleContext context) =>
        (context.Configuration.GetSection("Identity").Get<IdentitySettings>() ?? new IdentitySettings()) with { PublicBaseUrl = context.PublicBaseUrl };

    /// <summary>Lock time after <paramref name="failures"/> failures past the threshold: 1, 2, 4 … 60 minutes.</summary>
    public static TimeSpan BackOff(int failures, int threshold) =>
        TimeSpan.FromMinutes(Math.Min(60, Math.Pow(2, Math.Max(0, failures - threshold))));
}
