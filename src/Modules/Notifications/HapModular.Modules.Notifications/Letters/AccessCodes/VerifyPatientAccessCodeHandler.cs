using HapModular.Modules.Notifications.Contracts;
using HapModular.Modules.Records.Contracts;
using MediatR;

namespace HapModular.Modules.Notifications.Letters.AccessCodes;

/// <summary>Code and birth date must both match; every failure answers null.</summary>
internal sealed class VerifyPatientAccessCodeHandler(AccessCodeStore codes, IMediator mediator, TimeProvider time) : IRequestHandler<VerifyPatientAccessCode, Guid?>
{
    public async Task<Guid?> Handle(VerifyPatientAccessCode request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Code) || await codes.FindPatientAsync(request.Code, time.GetUtcNow(), cancellationToken) is not { } patientId)
        {
            return null;
        }

        var patient = (await mediator.Send(new GetPatientSummaries([patientId]), cancellationToken)).FirstOrDefault();
        return patient?.BirthDate == request.BirthDate ? patientId : null;
    }
}
