using System.Buffers.Binary;

namespace HapModular.Modules.Interop.Dicom;

/// <summary>The PS3.8 upper-layer PDU types (section 9.3).</summary>
internal enum PduType : byte
{
    AssociateRq = 0x01,
    AssociateAc = 0x02,
    AssociateRj = 0x03,
    PData = 0x04,
    ReleaseRq = 0x05,
    ReleaseRp = 0x06,
    Abort = 0x07,
}

/// <summary>A PDU as read from the wire: its type and body (the bytes after the 6-byte header).</summary>
internal readonly record struct Pdu(PduType Type, byte[] Body);

/// <summary>Thrown when a peer breaks the upper-layer protocol: the association is aborted (PS3.8 9.3.8).</summary>
internal sealed class UpperLayerException(string message, byte abortReason = UpperLayer.AbortUnexpectedPdu) : Exception(message)
{
    public byte AbortReason { get; } = abortReason;
}

/// <summary>Reads and writes PDUs on a stream. Big-endian lengths everywhere in the upper layer.</summary>
internal static class UpperLayer
{
    public const byte AbortUnrecognizedPdu = 1;
    public const byte AbortUnexpectedPdu = 2;
    public const byte AbortUnrecognizedPduParameter = 4;
    public const byte AbortInvalidPduParameter = 6;

    /// <summary>Reads one PDU, refusing a declared length above <paramref name="maxLength"/> before allocating it.</summary>
    public static async Task<Pdu?> ReadAsync(Stream stream, int maxLength, CancellationToken cancellationToken)
    {
        var header = new byte[6];
        if (!await ReadExactlyOrEndAsync(stream, header, cancellationToken))
        {
            return null;
        }

        var type = header[0];
        if (type is < 1 or > 7)
        {
            throw new UpperLayerException($"unknown PDU type 0x{type:x2}", AbortUnrecognizedPdu);
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(2));
        if (length > (uint)maxLength)
        {
            throw new UpperLayerException($"PDU length {length} exceeds {maxLength}", AbortInvalidPduParameter);
        }

        var body = new byte[length];
        if (!await ReadExactlyOrEndAsync(stream, body, cancellationToken))
        {
            throw new UpperLayerException("connection closed inside a PDU");
        }

        return new Pdu((PduType)type, body);
    }

    public static byte[] Frame(PduType type, ReadOnlySpan<byte> body)
    {
        var pdu = new byte[6 + body.Length];
        pdu[0] = (byte)type;
        BinaryPrimitives.WriteUInt32BigEndian(pdu.AsSpan(2), (uint)body.Length);
        body.CopyTo(pdu.AsSpan(6));
        return pdu;
    }

    public static byte[] ReleaseRp() => Frame(PduType.ReleaseRp, stackalloc byte[4]);

    /// <summary>A-ABORT from the service provider (source 2) with a reason, or from the user (source 0).</summary>
    public static byte[] Abort(byte source, byte reason) => Frame(PduType.Abort, [0, 0, source, reason]);

    /// <summary>A-ASSOCIATE-RJ: result 1 permanent / 2 transient; source 1 user, 2 ACSE, 3 presentation; reason per source.</summary>
    public static byte[] AssociateRj(byte result, byte source, byte reason) => Frame(PduType.AssociateRj, [0, result, source, reason]);

    private static async Task<bool> ReadExactlyOrEndAsync(Stream stream, byte[] buffer, CancellationToken cancellationToken)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken);
            if (n == 0)
            {
                return read == 0 ? false : throw new UpperLayerException("connection closed inside a PDU header");
            }

            read += n;
        }

        return true;
    }
}
