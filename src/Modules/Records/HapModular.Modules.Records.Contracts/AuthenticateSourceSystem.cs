using MediatR;

namespace HapModular.Modules.Records.Contracts;

/// <summary>
/// Which hospital system holds this API key (the keys of <c>/api/ingest</c>, made with <c>import --create-key</c>):
/// the credential a system interface (FHIR <c>POST</c>) checks before accepting a document. Null for an unknown key.
/// </summary>
/// <param name="ApiKey">The key as sent (never logged).</param>
public sealed record AuthenticateSourceSystem(string? ApiKey) : IRequest<string?>;
