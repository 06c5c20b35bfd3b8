using HapModular.Modules.Shared;

namespace HapModular.Host.Web;

/// <summary>The signed-in user from the request's claims; anonymous outside a request (background jobs).</summary>
internal sealed class HttpCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    /// <summary>Claim type carrying the physician's INAMI digits.</summary>
    public const string InamiClaim = "hap:inami";

    private UserClaims Claims => accessor.HttpContext is { } context ? UserClaims.Of(context) : UserClaims.Anonymous;

    public bool IsAuthenticated => Claims.IsAuthenticated;

    public Guid UserId => Claims.UserId;

    public string DisplayName => Claims.DisplayName;

    public string? Inami => Claims.Inami;

    public string? ClientAddress => accessor.HttpContext?.Connection.RemoteIpAddress?.ToString();

    public Guid? LaunchPatient => Claims.LaunchPatient;

    public bool IsInRole(string role) => Claims.IsInRole(role);
}
