using HapModular.Modules.Records.Contracts;
using MediatR;

namespace HapModular.Modules.Records.Ingestion.Authenticate;

/// <summary>The same key check as <c>/api/ingest</c>, for the other modules' system interfaces.</summary>
internal sealed class AuthenticateSourceSystemHandler(SourceSystemKeys keys) : IRequestHandler<AuthenticateSourceSystem, string?>
{
    public Task<string?> Handle(AuthenticateSourceSystem request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return keys.AuthenticateAsync(request.ApiKey, cancellationToken);
    }
}
