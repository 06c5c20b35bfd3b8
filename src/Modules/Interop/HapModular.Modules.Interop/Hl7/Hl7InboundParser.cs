using HapModular.Modules.Interop.Inbox;
using HapModular.Modules.Records.Contracts;

namespace HapModular.Modules.Interop.Hl7;

/// <summary>A kept HL7 message as a filing request; source id = sending application^facility|MSH-10.</summary>
internal sealed class Hl7InboundParser : IInboundParser
{
    public string Source => InboundSources.Hl7;

    public FileInboundDocument ToFiling(InboundMessage message, ReadOnlyMemory<byte> raw)
    {
        var document = Hl7Document.From(Hl7Message.Parse(Hl7Receiver.Decode(raw.ToArray())), raw);
        return new FileInboundDocument("hl7", message.MessageKey, document.Patient, document.Content, document.Details);
    }
}
