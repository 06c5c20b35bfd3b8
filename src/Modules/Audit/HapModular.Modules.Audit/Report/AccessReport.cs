using HapModular.SharedKernel;
using MediatR;

namespace HapModular.Modules.Audit.Report;

/// <summary>
/// One line of a patient's access report (R7, GDPR art. 15): who read what, when, why. When the document is now
/// masked by its author physician, its title is withheld (R6: the patient never sees it) and
/// <paramref name="MaskedByPhysician"/> says so.
/// </summary>
internal sealed record AccessReportLine(DateTimeOffset At, string? PhysicianName, string? Inami, string? DocumentTitle, string Action, string? Purpose, bool MaskedByPhysician = false);

/// <summary>The access report for patient-desk staff (through the guard: staff may read this, never the record).</summary>
internal sealed record GetAccessReport(Guid PatientId) : IRequest<IReadOnlyList<AccessReportLine>>, IPatientScoped
{
    public string AuditAction => "access-report";
}

/// <summary>The patient's own report, with the code from their letter (the guard checks code and birth date).</summary>
internal sealed record GetOwnAccessReport(Guid PatientId, string AccessCode, DateOnly BirthDate) : IRequest<IReadOnlyList<AccessReportLine>>, IPatientScoped, IPatientSelfService
{
    public string AuditAction => "own-access-report";
}
