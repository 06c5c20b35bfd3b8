using MediatR;

namespace HapModular.Modules.Records.Contracts;

/// <summary>
/// The patient's documents currently masked by their author physician (R6: the patient never sees them in their own
/// view). Ids only, no titles. For the access report: callers send it only after the guard allowed that report.
/// </summary>
/// <param name="PatientId">The patient.</param>
public sealed record GetAuthorMaskedDocuments(Guid PatientId) : IRequest<IReadOnlyCollection<Guid>>;
