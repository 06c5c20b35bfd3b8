using System.Buffers.Binary;
using System.Text;

namespace HapModular.Modules.Interop.Dicom;

/// <summary>One proposed presentation context: id, abstract syntax (SOP class) and the transfer syntaxes offered.</summary>
internal sealed record ProposedContext(byte Id, string AbstractSyntax, IReadOnlyList<string> TransferSyntaxes);

/// <summary>An A-ASSOCIATE-RQ (PS3.8 9.3.2), parsed strictly: every item length is checked against its parent.</summary>
internal sealed record AssociateRequest(
    ushort ProtocolVersion,
    string CalledAe,
    string CallingAe,
    string? ApplicationContext,
    IReadOnlyList<ProposedContext> Contexts,
    uint PeerMaxPduLength,
    byte[] CalledAeRaw,
    byte[] CallingAeRaw)
{
    public const string DicomApplicationContext = "1.2.840.10008.3.1.1.1";

    public static AssociateRequest Parse(byte[] body)
    {
        if (body.Length < 68)
        {
            throw new UpperLayerException("A-ASSOCIATE-RQ shorter than its fixed fields", UpperLayer.AbortInvalidPduParameter);
        }

        var version = BinaryPrimitives.ReadUInt16BigEndian(body);
        var called = body.AsSpan(4, 16).ToArray();
        var calling = body.AsSpan(20, 16).ToArray();
        string? context = null;
        var contexts = new List<ProposedContext>();
        uint maxPdu = 0;
        foreach (var (type, value) in Items(body.AsMemory(68)))
        {
            switch (type)
            {
                case 0x10:
                    context = Uid(value.Span);
                    break;
                case 0x20:
                    contexts.Add(ParseContext(value.Span));
                    break;
                case 0x50:
                    foreach (var (subType, sub) in Items(value))
                    {
                        if (subType == 0x51)
                        {
                            maxPdu = sub.Length == 4 ? BinaryPrimitives.ReadUInt32BigEndian(sub.Span) : throw new UpperLayerException("bad maximum length item", UpperLayer.AbortInvalidPduParameter);
                        }
                    }

                    break;
                default:
                    // PS3.8 9.3.1: items of unrecognised types are ignored.
                    break;
            }
        }

        return new AssociateRequest(version, Ae(called), Ae(calling), context, contexts, maxPdu, called, calling);
    }

    private static ProposedContext ParseContext(ReadOnlySpan<byte> value)
    {
        if (value.Length < 4)
        {
            throw new UpperLayerException("presentation context item too short", UpperLayer.AbortInvalidPduParameter);
        }

        var id = value[0];
        string? abstractSyntax = null;
        var transfers = new List<string>();
        foreach (var (type, sub) in Items(value[4..].ToArray()))
        {
            switch (type)
            {
                case 0x30:
                    abstractSyntax = Uid(sub.Span);
                    break;
                case 0x40:
                    transfers.Add(Uid(sub.Span));
                    break;
                default:
                    break;
            }
        }

        return new ProposedContext(id, abstractSyntax ?? string.Empty, transfers);
    }

    /// <summary>The items of a variable field: type (1), reserved (1), length (2, big-endian), value.</summary>
    private static IEnumerable<(byte Type, ReadOnlyMemory<byte> Value)> Items(ReadOnlyMemory<byte> field)
    {
        var pos = 0;
        while (pos < field.Length)
        {
            if (field.Length - pos < 4)
            {
                throw new UpperLayerException("item header cut short", UpperLayer.AbortInvalidPduParameter);
            }

            var type = field.Span[pos];
            var length = BinaryPrimitives.ReadUInt16BigEndian(field.Span[(pos + 2)..]);
            if (length > field.Length - pos - 4)
            {
                throw new UpperLayerException($"item 0x{type:x2} longer than its PDU", UpperLayer.AbortInvalidPduParameter);
            }

            yield return (type, field.Slice(pos + 4, length));
            pos += 4 + length;
        }
    }

    /// <summary>A UID as sent: ASCII, trailing NUL or space padding removed; anything else is refused.</summary>
    private static string Uid(ReadOnlySpan<byte> value)
    {
        var text = Encoding.ASCII.GetString(value).TrimEnd('\0', ' ');
        return text.Length <= 64 && text.All(c => char.IsAsciiDigit(c) || c == '.')
            ? text
            : throw new UpperLayerException("a UID holds characters other than digits and dots", UpperLayer.AbortInvalidPduParameter);
    }

    private static string Ae(byte[] raw) => Encoding.ASCII.GetString(raw).Trim(' ', '\0');
}
