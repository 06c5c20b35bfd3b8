using MediatR;

namespace HapModular.Modules.Consent.Contracts;

/// <summary>
/// The patients a physician holds an active therapeutic link or emergency grant for: the candidates of a search that
/// names no patient (a DICOMweb or FHIR client listing "my studies"). It decides nothing: each candidate still goes
/// through the one guard (<see cref="CheckAccess"/>: consent, exclusion, account), which may refuse it.
/// </summary>
/// <param name="PhysicianUserId">The physician.</param>
public sealed record GetAccessiblePatients(Guid PhysicianUserId) : IRequest<IReadOnlyList<Guid>>;
