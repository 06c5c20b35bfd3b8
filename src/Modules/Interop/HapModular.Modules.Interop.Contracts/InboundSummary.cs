using MediatR;

namespace HapModular.Modules.Interop.Contracts;

/// <summary>
/// Per inbound source (DICOM, HL7 v2, FHIR): how many messages were received, filed, held for the desk, refused, and
/// are waiting in the dead-letter list. Counts only: no patient, no content. For staff dashboards.
/// </summary>
public sealed record GetInboundSummary : IRequest<IReadOnlyList<InboundSourceCounts>>;

/// <summary>The counters of one source.</summary>
/// <param name="Source">dicom, hl7 or fhir.</param>
/// <param name="Received">Messages received and kept (each resend counted once).</param>
/// <param name="Filed">Filed on a patient's record.</param>
/// <param name="Held">Held for the desk: unknown patient or identity mismatch.</param>
/// <param name="Refused">Refused: unreadable or unsupported content.</param>
/// <param name="DeadLetters">Failed after every retry: waiting for an administrator (retry or discard).</param>
public sealed record InboundSourceCounts(string Source, int Received, int Filed, int Held, int Refused, int DeadLetters);
