using HapModular.Modules.Notifications.Contracts;
using HapModular.Modules.Records.Contracts;
using MediatR;

namespace HapModular.Modules.Notifications.Letters.AccessCodes;

/// <summary>
/// Code and birth date must both match; every failure answers null. The code has 60 bits and cannot be guessed, but a
/// stolen letter leaves only the birth date to guess: after <see cref="LetterSettings.CodeAttempts"/> wrong birth dates
/// the code is locked for <see cref="LetterSettings.CodeLock"/>, and while locked even the right birth date answers null
/// (the same answer: a guesser learns nothing from the lock).
/// </summary>
internal sealed class VerifyPatientAccessCodeHandler(AccessCodeStore codes, LetterSettings settings, IMediator mediator, TimeProvider time) : IRequestHandler<VerifyPatientAccessCode, Guid?>
{
    public async Task<Guid?> Handle(VerifyPatientAccessCode request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (string.IsNullOrWhiteSpace(request.Code) || await codes.FindAsync(request.Code, now, cancellationToken) is not { } code)
        {
            return null;
        }

        if (code.LockedUntil > now)
        {
            return null;
        }

        var patient = (await mediator.Send(new GetPatientSummaries([code.PatientId]), cancellationToken)).FirstOrDefault();
        if (patient?.BirthDate != request.BirthDate)
        {
            await codes.CountFailureAsync(code.LetterId, settings.CodeAttempts, now + settings.CodeLock, cancellationToken);
            return null;
        }

        await codes.ResetFailuresAsync(code.LetterId, cancellationToken);
        return code.PatientId;
    }
}
