namespace HapModular.Modules.Shared;

/// <summary>Who is making the current request, as the host's authentication established it.</summary>
public interface ICurrentUser
{
    /// <summary>Whether a user is signed in (with both factors).</summary>
    bool IsAuthenticated { get; }

    /// <summary>The user's id, or <see cref="Guid.Empty"/> when anonymous.</summary>
    Guid UserId { get; }

    /// <summary>Display name, or empty.</summary>
    string DisplayName { get; }

    /// <summary>The physician's INAMI digits, when the user is a physician.</summary>
    string? Inami { get; }

    /// <summary>The caller's IP address as the host saw it (after forwarded headers).</summary>
    string? ClientAddress { get; }

    /// <summary>
    /// The one patient a SMART access token was issued for (its launch context), or null for a session or a personal
    /// access token. The guard refuses every other patient, even one the physician holds a link for.
    /// </summary>
    Guid? LaunchPatient { get; }

    /// <summary>Whether the user has a role (see <c>HapModular.SharedKernel.Roles</c>).</summary>
    bool IsInRole(string role);
}
