using HapModular.Modules.Interop.Inbox;
using HapModular.Modules.Records.Contracts;

namespace HapModular.Modules.Interop.Fhir.Inbound;

/// <summary>A kept FHIR submission as a filing request (first time, retry job, or an administrator's retry).</summary>
internal sealed class FhirInboundParser : IInboundParser
{
    public string Source => InboundSources.Fhir;

    public FileInboundDocument ToFiling(InboundMessage message, ReadOnlyMemory<byte> raw)
    {
        ArgumentNullException.ThrowIfNull(message);
        var submission = FhirSubmissions.Read(raw.Span);
        return new FileInboundDocument(InboundSources.Fhir, message.MessageKey, submission.Patient, submission.Content, submission.Details);
    }
}
