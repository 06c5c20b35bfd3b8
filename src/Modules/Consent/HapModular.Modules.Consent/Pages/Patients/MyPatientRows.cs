using HapModular.Modules.Consent.Domain;
using HapModular.Modules.Records.Contracts;

namespace HapModular.Modules.Consent.Pages.Patients;

/// <summary>Where a link sits on "My patients".</summary>
internal enum LinkSection
{
    Active,
    EndingSoon,
    EndedOrBlocked,
}

/// <summary>Why an ended or blocked link gives no access, as far as the physician may know.</summary>
internal enum EndedWhy
{
    None,

    /// <summary>This physician ended it: the page says when and why (their own reason).</summary>
    EndedByYou,

    /// <summary>Its period is over (the end date the physician always saw).</summary>
    Expired,

    /// <summary>Declared without its proof yet.</summary>
    PendingProof,

    /// <summary>Anything on the patient's side (revoked, consent withdrawn, exclusion): never which.</summary>
    Neutral,
}

/// <summary>One row of "My patients".</summary>
internal sealed record MyPatientRow(TherapeuticLink Link, PatientSummary Patient, LinkSection Section, EndedWhy Why, int DaysLeft)
{
    /// <summary>Links ending within this many days are listed apart, with their renewal.</summary>
    public const int EndingSoonDays = 30;

    /// <summary>R2: a new period with a new proof, for an active or expired link (a revoked one is declared again).</summary>
    public bool CanRenew => Section == LinkSection.EndingSoon || Why == EndedWhy.Expired;

    public bool CanEnd => Link.Status is LinkStatus.Active or LinkStatus.Pending && Why != EndedWhy.Expired;

    public static MyPatientRow Classify(MyLink mine, PatientSummary patient, Guid physicianUserId, DateTimeOffset now)
    {
        var link = mine.Link;
        var days = link.End is { } end ? (int)Math.Ceiling((end - now).TotalDays) : 0;
        if (link.Status == LinkStatus.Revoked)
        {
            var own = link.RevokedByUserId == physicianUserId && link.RevokedByRole == ActorRoles.Physician;
            return new(link, patient, LinkSection.EndedOrBlocked, own ? EndedWhy.EndedByYou : EndedWhy.Neutral, 0);
        }

        if (link.Status == LinkStatus.Expired || (link.Status == LinkStatus.Active && link.End <= now))
        {
            // The end date was always on the page: saying it is over tells nothing about the patient.
            return new(link, patient, LinkSection.EndedOrBlocked, EndedWhy.Expired, 0);
        }

        if (link.Status == LinkStatus.Pending)
        {
            return new(link, patient, LinkSection.EndedOrBlocked, EndedWhy.PendingProof, 0);
        }

        if (mine.Blocked)
        {
            return new(link, patient, LinkSection.EndedOrBlocked, EndedWhy.Neutral, 0);
        }

        return new(link, patient, days <= EndingSoonDays ? LinkSection.EndingSoon : LinkSection.Active, EndedWhy.None, days);
    }
}
