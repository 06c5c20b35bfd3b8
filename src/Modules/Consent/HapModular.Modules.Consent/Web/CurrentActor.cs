using HapModular.Modules.Consent.Domain;
using HapModular.Modules.Shared;
using HapModular.SharedKernel;

namespace HapModular.Modules.Consent.Web;

/// <summary>The signed-in user as the author of an event, with the role they act in on this page.</summary>
internal static class CurrentActor
{
    public static Actor As(this ICurrentUser user, string role) => new(user.UserId, user.DisplayName, role);

    /// <summary>The strongest staff role of the user (admin before patient desk), for desk actions.</summary>
    public static Actor AsStaff(this ICurrentUser user) =>
        user.As(user.IsInRole(Roles.Admin) && !user.IsInRole(Roles.PatientDesk) ? ActorRoles.Admin : ActorRoles.PatientDesk);
}
