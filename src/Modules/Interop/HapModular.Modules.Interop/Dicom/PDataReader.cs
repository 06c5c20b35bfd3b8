using System.Buffers.Binary;

namespace HapModular.Modules.Interop.Dicom;

/// <summary>
/// Reassembles DIMSE messages from P-DATA-TF PDVs (PS3.8 9.3.5, annex E): command fragments up to the one marked
/// last, then, when the command announces one, data set fragments on the same presentation context. Data beyond
/// <paramref name="maxDatasetBytes"/> is read and dropped (the message is then answered "out of resources").
/// </summary>
internal sealed class PDataReader(int maxDatasetBytes)
{
    private readonly MemoryStream command = new();
    private readonly MemoryStream dataset = new();
    private byte contextId;
    private bool commandDone;
    private bool expectDataset;

    public bool DatasetTooLarge { get; private set; }

    /// <summary>Consumes one P-DATA-TF body; returns a complete message when its last fragment arrived.</summary>
    public DimseMessage? Add(byte[] body, Func<byte, bool> isAccepted)
    {
        DimseMessage? complete = null;
        var pos = 0;
        while (pos < body.Length)
        {
            if (complete is not null)
            {
                throw new UpperLayerException("PDVs after a complete message in the same PDU", UpperLayer.AbortInvalidPduParameter);
            }

            if (body.Length - pos < 6)
            {
                throw new UpperLayerException("PDV item cut short", UpperLayer.AbortInvalidPduParameter);
            }

            var length = BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(pos));
            if (length < 2 || length > (uint)(body.Length - pos - 4))
            {
                throw new UpperLayerException("PDV length outside its PDU", UpperLayer.AbortInvalidPduParameter);
            }

            var id = body[pos + 4];
            var header = body[pos + 5];
            var data = body.AsSpan(pos + 6, (int)length - 2);
            pos += 4 + (int)length;
            if (!isAccepted(id) || ((command.Length + dataset.Length > 0 || commandDone) && id != contextId))
            {
                throw new UpperLayerException($"PDV on presentation context {id}, not accepted or not the message's", UpperLayer.AbortInvalidPduParameter);
            }

            contextId = id;
            var isCommand = (header & 0x01) != 0;
            var last = (header & 0x02) != 0;
            if (isCommand)
            {
                if (commandDone)
                {
                    throw new UpperLayerException("command fragment after the command's last fragment", UpperLayer.AbortUnexpectedPdu);
                }

                if (command.Length + data.Length > 64 * 1024)
                {
                    throw new UpperLayerException("command set larger than 64 KiB", UpperLayer.AbortInvalidPduParameter);
                }

                command.Write(data);
                if (last)
                {
                    commandDone = true;
                    var parsed = CommandSet.Parse(command.GetBuffer().AsSpan(0, (int)command.Length));
                    expectDataset = parsed.GetUInt16(CommandSet.CommandDataSetType) is { } type && type != CommandSet.NoDataSet;
                    if (!expectDataset)
                    {
                        complete = Complete(parsed);
                    }
                }
            }
            else
            {
                if (!commandDone || !expectDataset)
                {
                    throw new UpperLayerException("data set fragment without a command announcing one", UpperLayer.AbortUnexpectedPdu);
                }

                if (dataset.Length + data.Length > maxDatasetBytes)
                {
                    DatasetTooLarge = true;
                }
                else if (!DatasetTooLarge)
                {
                    dataset.Write(data);
                }

                if (last)
                {
                    complete = Complete(CommandSet.Parse(command.GetBuffer().AsSpan(0, (int)command.Length)));
                }
            }
        }

        return complete;
    }

    private DimseMessage Complete(CommandSet parsed)
    {
        var message = new DimseMessage(contextId, parsed, expectDataset ? dataset.ToArray() : null, DatasetTooLarge);
        command.SetLength(0);
        dataset.SetLength(0);
        commandDone = false;
        expectDataset = false;
        DatasetTooLarge = false;
        return message;
    }
}

/// <summary>A complete DIMSE message: its presentation context, command and optional data set.</summary>
internal sealed record DimseMessage(byte ContextId, CommandSet Command, byte[]? Dataset, bool DatasetTooLarge);
