using MediatR;

namespace HapModular.Modules.Records.Contracts;

/// <summary>
/// Who the patient on screen is, for the one patient banner every page shows above a patient's data (name, birth date,
/// age, sex, masked NISS; never the NISS in clear). Answers only what the current request may already show: for a
/// physician or a patient with their letter's code, a patient the guard allowed earlier in this same request (and
/// nothing once the guard refused anything in it); for hospital staff (desk, DPO, admin), any patient they may look up.
/// Otherwise null — so a denial page renders no banner, whatever the reason. Not audited itself: the request that
/// showed the data was.
/// </summary>
/// <param name="PatientId">The patient.</param>
public sealed record GetPatientBanner(Guid PatientId) : IRequest<PatientBanner?>;

/// <summary>The banner's fields.</summary>
/// <param name="PatientId">Id.</param>
/// <param name="FirstName">First name.</param>
/// <param name="LastName">Last name.</param>
/// <param name="BirthDate">Birth date.</param>
/// <param name="Age">Age in whole years today (Europe/Brussels).</param>
/// <param name="Sex">M, F or X.</param>
/// <param name="MaskedNiss">NISS masked except its last digits.</param>
public sealed record PatientBanner(Guid PatientId, string FirstName, string LastName, DateOnly BirthDate, int Age, string Sex, string MaskedNiss);
