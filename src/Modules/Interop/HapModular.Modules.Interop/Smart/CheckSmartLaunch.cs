using HapModular.SharedKernel;
using MediatR;

namespace HapModular.Modules.Interop.Smart;

/// <summary>
/// The authorize step's question to the one guard: may the signed-in physician open this patient's record? Decided and
/// audited (<see cref="PatientScopedActions.SmartLaunch"/>) exactly as a page; a refusal throws the guard's denial.
/// </summary>
internal sealed record CheckSmartLaunch(Guid PatientId) : IRequest<bool>, IPatientScoped
{
    public string AuditAction => PatientScopedActions.SmartLaunch;
}

internal sealed class CheckSmartLaunchHandler : IRequestHandler<CheckSmartLaunch, bool>
{
    // Reaching the handler is the answer: the guard in front of it allowed the request.
    public Task<bool> Handle(CheckSmartLaunch request, CancellationToken cancellationToken) => Task.FromResult(true);
}
