using HapModular.Modules.Records.Contracts;

namespace HapModular.Modules.Interop.Inbox;

/// <summary>
/// Turns a kept message of one source back into the filing request. Messages are checked when received, so this only
/// fails on a message kept by an older version; the raw bytes stay the single truth (nothing else is stored about them).
/// </summary>
internal interface IInboundParser
{
    string Source { get; }

    FileInboundDocument ToFiling(InboundMessage message, ReadOnlyMemory<byte> raw);
}
