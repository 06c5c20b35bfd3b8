using System.Security.Cryptography;
using System.Text;
using HapModular.Modules.Records.Contracts;
using HapModular.Modules.Records.Storage;
using Marten;
using MediatR;

namespace HapModular.Modules.Records.Patients;

/// <summary>
/// Access codes: 12 characters from an alphabet without look-alikes (60 bits: guessing is hopeless), printed as
/// XXXX-XXXX-XXXX; only their SHA-256 is stored, so the database cannot print a patient's code.
/// </summary>
internal sealed class AccessCodeHandlers(IRecordsStore store) :
    IRequestHandler<IssuePatientAccessCode, string>,
    IRequestHandler<VerifyPatientAccessCode, Guid?>
{
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public async Task<string> Handle(IssuePatientAccessCode request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var session = store.LightweightSession();
        var patient = await session.LoadAsync<Patient>(request.PatientId, cancellationToken) ?? throw new ArgumentException("Unknown patient.", nameof(request));
        var code = new string(Enumerable.Range(0, 12).Select(_ => Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)]).ToArray());
        patient.AccessCodeHash = Hash(code);
        session.Store(patient);
        await session.SaveChangesAsync(cancellationToken);
        return $"{code[..4]}-{code[4..8]}-{code[8..]}";
    }

    public async Task<Guid?> Handle(VerifyPatientAccessCode request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var normalized = new string((request.Code ?? string.Empty).Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant).ToArray());
        if (normalized.Length != 12)
        {
            return null;
        }

        var hash = Hash(normalized);
        await using var session = store.QuerySession();
        var patient = await session.Query<Patient>().Where(p => p.AccessCodeHash == hash).FirstOrDefaultAsync(cancellationToken);
        return patient is not null && patient.BirthDate == request.BirthDate ? patient.Id : null;
    }

    private static string Hash(string code) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(code)));
}
