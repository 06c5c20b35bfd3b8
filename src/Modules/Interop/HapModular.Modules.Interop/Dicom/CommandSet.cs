using System.Buffers.Binary;
using System.Text;

namespace HapModular.Modules.Interop.Dicom;

/// <summary>
/// A DIMSE command set (PS3.7 section 9/E): group 0000 elements, always Implicit VR Little Endian. Values are kept
/// as raw bytes; the few the services need are read as UID strings or 16-bit integers.
/// </summary>
internal sealed class CommandSet
{
    public const ushort CStoreRq = 0x0001;
    public const ushort CStoreRsp = 0x8001;
    public const ushort CEchoRq = 0x0030;
    public const ushort CEchoRsp = 0x8030;
    public const ushort NoDataSet = 0x0101;

    public const ushort AffectedSopClassUid = 0x0002;
    public const ushort CommandField = 0x0100;
    public const ushort MessageId = 0x0110;
    public const ushort MessageIdBeingRespondedTo = 0x0120;
    public const ushort CommandDataSetType = 0x0800;
    public const ushort Status = 0x0900;
    public const ushort ErrorComment = 0x0902;
    public const ushort AffectedSopInstanceUid = 0x1000;

    private readonly SortedDictionary<ushort, byte[]> elements = [];

    public static CommandSet Parse(ReadOnlySpan<byte> bytes)
    {
        var command = new CommandSet();
        var pos = 0;
        while (pos < bytes.Length)
        {
            if (bytes.Length - pos < 8)
            {
                throw new DimseException("command element header cut short");
            }

            var group = BinaryPrimitives.ReadUInt16LittleEndian(bytes[pos..]);
            var element = BinaryPrimitives.ReadUInt16LittleEndian(bytes[(pos + 2)..]);
            var length = BinaryPrimitives.ReadUInt32LittleEndian(bytes[(pos + 4)..]);
            if (group != 0 || length > (uint)(bytes.Length - pos - 8))
            {
                throw new DimseException($"command element ({group:x4},{element:x4}) outside group 0000 or longer than the command");
            }

            command.elements[element] = bytes.Slice(pos + 8, (int)length).ToArray();
            pos += 8 + (int)length;
        }

        return command;
    }

    public ushort? GetUInt16(ushort element) =>
        elements.TryGetValue(element, out var v) && v.Length == 2 ? BinaryPrimitives.ReadUInt16LittleEndian(v) : null;

    public string? GetUid(ushort element) =>
        elements.TryGetValue(element, out var v) ? Encoding.ASCII.GetString(v).TrimEnd('\0', ' ') : null;

    public CommandSet Set(ushort element, ushort value)
    {
        var bytes = new byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, value);
        elements[element] = bytes;
        return this;
    }

    public CommandSet Set(ushort element, string text, char pad)
    {
        var value = text.Length % 2 == 0 ? text : text + pad;
        elements[element] = Encoding.ASCII.GetBytes(value);
        return this;
    }

    /// <summary>The encoded command, group length (0000,0000) first as PS3.7 requires.</summary>
    public byte[] Encode()
    {
        elements.Remove(0x0000);
        var length = elements.Values.Sum(v => 8 + v.Length);
        var bytes = new byte[12 + length];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), 4);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), (uint)length);
        var pos = 12;
        foreach (var (element, value) in elements)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(pos + 2), element);
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(pos + 4), (uint)value.Length);
            value.CopyTo(bytes, pos + 8);
            pos += 8 + value.Length;
        }

        return bytes;
    }

    /// <summary>A response to <paramref name="request"/>: same SOP class (and instance), the message id echoed, no data set.</summary>
    public static CommandSet Response(CommandSet request, ushort commandField, ushort status)
    {
        var response = new CommandSet()
            .Set(CommandField, commandField)
            .Set(MessageIdBeingRespondedTo, request.GetUInt16(MessageId) ?? 0)
            .Set(CommandDataSetType, NoDataSet)
            .Set(Status, status);
        if (request.GetUid(AffectedSopClassUid) is { } sopClass)
        {
            response.Set(AffectedSopClassUid, sopClass, '\0');
        }

        if (request.GetUid(AffectedSopInstanceUid) is { } instance)
        {
            response.Set(AffectedSopInstanceUid, instance, '\0');
        }

        return response;
    }
}

/// <summary>A DIMSE message the portal cannot understand: the association is aborted.</summary>
internal sealed class DimseException(string message) : Exception(message);
