using System.Collections.Concurrent;

namespace HapModular.Modules.Records.Patients;

/// <summary>
/// The few patient fields every timeline page shows (name, birth date, sex, masked NISS), kept in memory for a minute.
/// Why: loading the patient document (Marten session, JSON, resilience pipeline) was a fifth of a timeline page's CPU.
/// It decides nothing — access is decided by the guard on every request — and holds no NISS in clear. Registration
/// in this process drops the entry at once; the minute bounds what another process's change could leave stale.
/// </summary>
internal sealed class PatientHeaderCache(PatientDirectory patients, TimeProvider time)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);
    private const int MaxEntries = 10_000;
    private readonly ConcurrentDictionary<Guid, (CachedPatient Patient, DateTimeOffset Until)> entries = new();

    public async Task<CachedPatient?> GetAsync(Guid patientId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (entries.TryGetValue(patientId, out var hit) && hit.Until > now)
        {
            return hit.Patient;
        }

        var patient = await patients.LoadAsync(patientId, cancellationToken);
        if (patient is null)
        {
            return null;
        }

        if (entries.Count >= MaxEntries)
        {
            // A crude bound, enough for a cache that refills in one query per patient.
            entries.Clear();
        }

        var cached = new CachedPatient(patient.FirstName, patient.LastName, patient.BirthDate, patient.Sex, patient.MaskedNiss);
        entries[patientId] = (cached, now + Lifetime);
        return cached;
    }

    public void Forget(Guid patientId) => entries.TryRemove(patientId, out _);
}

/// <summary>The patient header's fields.</summary>
internal sealed record CachedPatient(string FirstName, string LastName, DateOnly BirthDate, string Sex, string MaskedNiss);
