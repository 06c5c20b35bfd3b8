using HapModular.Modules.Records.Storage;
using HapModular.SharedKernel;
using Marten;

namespace HapModular.Modules.Records.Patients;

/// <summary>Patient look-ups inside the module (ingestion, guard, timeline header).</summary>
internal sealed class PatientDirectory(IRecordsStore store, NissProtector protector)
{
    public async Task<Guid?> ExistsAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        return await session.LoadAsync<Patient>(id, cancellationToken) is null ? null : id;
    }

    public async Task<Guid?> FindByNissAsync(string nissDigits, CancellationToken cancellationToken)
    {
        if (!Niss.TryParse(nissDigits, out var niss, out _))
        {
            return null;
        }

        var hash = protector.Hash(niss.Digits);
        await using var session = store.QuerySession();
        var found = await session.Query<Patient>().Where(p => p.NissHash == hash).Select(p => p.Id).ToListAsync(cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    public async Task<Patient?> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        return await session.LoadAsync<Patient>(id, cancellationToken);
    }
}
