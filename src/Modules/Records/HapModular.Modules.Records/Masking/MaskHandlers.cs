using HapModular.Modules.Records.Access;
using HapModular.Modules.Records.Contracts;
using HapModular.Modules.Records.Documents;
using HapModular.Modules.Shared;
using HapModular.SharedKernel;
using MediatR;

namespace HapModular.Modules.Records.Masking;

/// <summary>
/// Masking after ingestion (R6). Reached only through the guard, which already checked the document belongs to the
/// patient, that a physician is its author and that desk staff act for the patient; the guard's audit record is the
/// change's audit record (action mask/unmask).
/// </summary>
internal sealed class MaskHandlers(MaskStore store, PatientAccessScope access, ICurrentUser user) :
    IRequestHandler<MaskOwnDocument, bool>,
    IRequestHandler<DeskMaskDocument, bool>,
    IRequestHandler<GetDeskDocuments, DeskDocuments>,
    IRequestHandler<GetAuthorMaskedDocuments, IReadOnlyCollection<Guid>>
{
    public Task<bool> Handle(MaskOwnDocument request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var document = access.Document ?? throw new PatientAccessDeniedException();
        return store.ChangeAsync(request.PatientId, document.Id, MaskOrigins.Author, request.Mask, user.UserId, user.DisplayName, null, cancellationToken);
    }

    public Task<bool> Handle(DeskMaskDocument request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var document = access.Document ?? throw new PatientAccessDeniedException();
        if (string.IsNullOrWhiteSpace(request.RequestReference))
        {
            // The desk acts only on a request of the patient; without its reference nothing changes.
            return Task.FromResult(false);
        }

        var reference = request.RequestReference.Trim();
        return store.ChangeAsync(request.PatientId, document.Id, MaskOrigins.Patient, request.Mask, user.UserId, user.DisplayName, reference.Length > 100 ? reference[..100] : reference, cancellationToken);
    }

    public Task<DeskDocuments> Handle(GetDeskDocuments request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return store.ListAsync(request.PatientId, cancellationToken);
    }

    public Task<IReadOnlyCollection<Guid>> Handle(GetAuthorMaskedDocuments request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return store.AuthorMaskedAsync(request.PatientId, cancellationToken);
    }
}
