using System.Security.Claims;
using HapModular.Modules.Shared;
using HapModular.SharedKernel;

namespace HapModular.Host.Web;

/// <summary>The signed-in user from the request's claims; anonymous outside a request (background jobs).</summary>
internal sealed class HttpCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    /// <summary>Claim type carrying the physician's INAMI digits.</summary>
    public const string InamiClaim = "hap:inami";

    private ClaimsPrincipal? User => accessor.HttpContext?.User;

    public bool IsAuthenticated => User?.Identity?.IsAuthenticated == true;

    public Guid UserId => Guid.TryParse(User?.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : Guid.Empty;

    public string DisplayName => User?.FindFirstValue(ClaimTypes.Name) ?? string.Empty;

    public string? Inami => User?.FindFirstValue(InamiClaim);

    public string? ClientAddress => accessor.HttpContext?.Connection.RemoteIpAddress?.ToString();

    public Guid? LaunchPatient => Guid.TryParse(User?.FindFirstValue(LaunchContext.PatientClaim), out var id) ? id : null;

    public bool IsInRole(string role) => User?.IsInRole(role) == true;
}
