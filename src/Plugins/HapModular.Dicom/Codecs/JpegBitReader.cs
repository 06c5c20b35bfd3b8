namespace HapModular.Dicom.Codecs;

/// <summary>Reads entropy-coded JPEG bits: removes 0xFF00 stuffing and stops at markers (restart or end).</summary>
internal ref struct JpegBitReader
{
    private readonly ReadOnlySpan<byte> data;
    private ulong buffer;
    private int bits;

    public JpegBitReader(ReadOnlySpan<byte> data, int position)
    {
        this.data = data;
        Position = position;
    }

    /// <summary>Next unread byte of the stream (after any bytes already pulled into the bit buffer).</summary>
    public int Position { get; private set; }

    public bool HitMarker { get; private set; }

    public int ReadBit()
    {
        if (bits == 0)
        {
            Fill();
        }

        bits--;
        return (int)((buffer >> bits) & 1);
    }

    public int Receive(int count)
    {
        if (count == 0)
        {
            return 0;
        }

        while (bits < count)
        {
            Fill();
        }

        bits -= count;
        return (int)((buffer >> bits) & ((1UL << count) - 1));
    }

    /// <summary>Drops buffered bits and skips to after the next RSTn marker.</summary>
    public void Restart()
    {
        bits = 0;
        buffer = 0;
        HitMarker = false;
        while (Position + 1 < data.Length)
        {
            if (data[Position] == 0xFF && data[Position + 1] is >= 0xD0 and <= 0xD7)
            {
                Position += 2;
                return;
            }

            Position++;
        }
    }

    private void Fill()
    {
        // Past a marker or the end, zero bits are supplied (a corrupt stream decodes to garbage, never loops).
        var b = 0;
        if (!HitMarker && Position < data.Length)
        {
            b = data[Position];
            if (b == 0xFF)
            {
                var next = Position + 1 < data.Length ? data[Position + 1] : 0xD9;
                if (next == 0x00)
                {
                    Position += 2;
                }
                else
                {
                    HitMarker = true;
                    b = 0;
                }
            }
            else
            {
                Position++;
            }
        }

        buffer = (buffer << 8) | (uint)b;
        bits += 8;
    }
}
