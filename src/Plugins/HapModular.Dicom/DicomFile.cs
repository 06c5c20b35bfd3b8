using System.IO.Compression;
using System.Text;

namespace HapModular.Dicom;

/// <summary>
/// A DICOM file: Part 10 (preamble, "DICM", file meta) or a bare data set (ACR-NEMA style, no meta).
/// Read never throws anything but <see cref="DicomReadException"/> on bad input; problems it could step over are in
/// <see cref="Warnings"/>.
/// </summary>
public sealed class DicomFile
{
    // Inflated data sets beyond 100 times their compressed size (at least 16 MiB, at most 256 MiB) are refused, checked
    // while inflating: a 486 KB "deflated" file must not make the server inflate (and hold) 486 MB. Real deflated
    // objects (reports, images with large uniform areas) stay well below 100:1 once past a few megabytes.
    private const long InflateRatio = 100;
    private const long MinInflateCap = 16L * 1024 * 1024;
    private const long MaxInflateCap = 256L * 1024 * 1024;

    private DicomFile(DicomDataset meta, DicomDataset dataset, TransferSyntax syntax, bool preamble, IReadOnlyList<string> warnings)
    {
        Meta = meta;
        Dataset = dataset;
        TransferSyntax = syntax;
        HasPreamble = preamble;
        Warnings = warnings;
    }

    /// <summary>The file meta information (group 0002); empty for files without it.</summary>
    public DicomDataset Meta { get; }

    /// <summary>The main data set.</summary>
    public DicomDataset Dataset { get; }

    /// <summary>The transfer syntax the data set was read with.</summary>
    public TransferSyntax TransferSyntax { get; }

    /// <summary>Whether the file had the 128-byte preamble and "DICM".</summary>
    public bool HasPreamble { get; }

    /// <summary>Whether the file had file meta information.</summary>
    public bool HasMeta => Meta.Elements.Count > 0;

    /// <summary>Problems stepped over while reading (each names an offset).</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Reads a file from disk.</summary>
    /// <param name="path">The path.</param>
    /// <returns>The file.</returns>
    public static DicomFile Open(string path) => Read(File.ReadAllBytes(path));

    /// <summary>Reads a file, catching read errors.</summary>
    /// <param name="bytes">The file's bytes.</param>
    /// <param name="file">The file, when read.</param>
    /// <param name="error">Why it could not be read.</param>
    /// <returns>Whether it was read.</returns>
    public static bool TryRead(ReadOnlyMemory<byte> bytes, out DicomFile? file, out string? error)
    {
        try
        {
            file = Read(bytes);
            error = null;
            return true;
        }
        catch (DicomReadException ex)
        {
            file = null;
            error = ex.Message;
            return false;
        }
    }

    /// <summary>Reads a file.</summary>
    /// <param name="bytes">The file's bytes (kept: values are slices of them).</param>
    /// <returns>The file.</returns>
    /// <exception cref="DicomReadException">The bytes are not a readable DICOM file.</exception>
    public static DicomFile Read(ReadOnlyMemory<byte> bytes)
    {
        var warnings = new List<string>();
        var span = bytes.Span;
        int pos;
        var preamble = false;
        if (span.Length >= 132 && span.Slice(128, 4).SequenceEqual("DICM"u8))
        {
            pos = 132;
            preamble = true;
        }
        else if (span.Length >= 4 && span[..4].SequenceEqual("DICM"u8))
        {
            pos = 4;
            warnings.Add("offset 0: 'DICM' without the 128-byte preamble");
        }
        else
        {
            pos = 0;
            CheckBareStart(span);
        }

        var meta = new DicomDataset(null, pos);
        if (span.Length - pos >= 8 && span[pos] == 0x02 && span[pos + 1] == 0x00)
        {
            var metaParser = new DatasetParser(bytes, explicitVr: LooksExplicit(span, pos), bigEndian: false, warnings);
            meta = metaParser.ReadTopLevel(pos, tag => tag.Group != 0x0002);
            pos = metaParser.End;
        }
        else if (preamble)
        {
            warnings.Add($"offset {pos}: no file meta information after 'DICM'");
        }

        var syntax = ChooseSyntax(meta, span, pos, warnings);
        var body = bytes;
        if (syntax.Deflated)
        {
            body = Inflate(bytes[pos..]);
            pos = 0;
        }

        var parser = new DatasetParser(body, syntax.ExplicitVr, syntax.BigEndian, warnings);
        DicomDataset dataset;
        if (body.Length - pos < 8)
        {
            dataset = new DicomDataset(null, pos);
            if (meta.Elements.Count == 0)
            {
                throw new DicomReadException(pos, "no data elements (file too short)");
            }
        }
        else
        {
            dataset = parser.ReadTopLevel(pos);
        }

        return new DicomFile(meta, dataset, syntax, preamble, warnings);
    }

    private static void CheckBareStart(ReadOnlySpan<byte> span)
    {
        if (span.Length < 8)
        {
            throw new DicomReadException(0, $"not DICOM: {span.Length} bytes, no 'DICM' marker and too short for a data element");
        }

        var group = (ushort)(span[0] | (span[1] << 8));
        var element = (ushort)(span[2] | (span[3] << 8));

        // A data set without preamble must start with a low, even group (0000 command, 0002 meta, 0008 identification).
        // Group 0000 (command) must open with its 4-byte group length, else zeros would pass as a data set.
        var commandStart = group == 0 && element == 0 && (span[4..8].SequenceEqual("UL\x04\0"u8) || span[4..8].SequenceEqual(new byte[] { 4, 0, 0, 0 }));
        if (group is not (0x0000 or 0x0002 or 0x0008) || (element > 0x00FF && group != 0x0002) || (group == 0 && !commandStart))
        {
            throw new DicomReadException(0, $"not DICOM: no preamble or 'DICM' marker, and the first bytes read as tag ({group:x4},{element:x4}), which cannot start a data set");
        }
    }

    private static bool LooksExplicit(ReadOnlySpan<byte> s, int pos) =>
        s.Length - pos >= 6 && DicomVRInfo.TryParse(s[pos + 4], s[pos + 5], out _);

    private static TransferSyntax ChooseSyntax(DicomDataset meta, ReadOnlySpan<byte> span, int pos, List<string> warnings)
    {
        if (meta.TryGetElement(DicomTags.TransferSyntaxUid, out var tsElement))
        {
            var uid = Encoding.ASCII.GetString(tsElement.RawValue.Span).TrimEnd('\0', ' ');
            if (uid.Length > 0)
            {
                var ts = TransferSyntax.FromUid(uid);

                // Some writers label implicit data sets as explicit; trust the bytes when they disagree.
                if (ts.ExplicitVr && !ts.Deflated && !ts.BigEndian && span.Length - pos >= 8 && !LooksExplicit(span, pos))
                {
                    warnings.Add($"offset {pos}: transfer syntax {uid} says explicit VR but the data set is implicit VR; read as implicit");
                    return ts with { ExplicitVr = false };
                }

                return ts;
            }
        }

        var guess = LooksExplicit(span, pos) ? TransferSyntax.ExplicitLittle : TransferSyntax.ImplicitLittle;
        if (meta.Elements.Count > 0)
        {
            warnings.Add($"offset {meta.Offset}: file meta has no Transfer Syntax UID (0002,0010); read as {guess.Name}");
        }

        return guess;
    }

    private static ReadOnlyMemory<byte> Inflate(ReadOnlyMemory<byte> deflated)
    {
        try
        {
            using var input = new MemoryStream(deflated.ToArray(), writable: false);
            using var inflater = new DeflateStream(input, CompressionMode.Decompress);
            var cap = Math.Clamp(deflated.Length * InflateRatio, MinInflateCap, MaxInflateCap);
            using var output = new MemoryStream((int)Math.Min(cap, deflated.Length * 8L + 4096));
            var buffer = new byte[81920];
            int n;
            while ((n = inflater.Read(buffer, 0, buffer.Length)) > 0)
            {
                if (output.Length + n > cap)
                {
                    throw new DicomReadException(0, $"deflated data set inflates beyond {cap} bytes ({InflateRatio} times its compressed size); refused");
                }

                output.Write(buffer, 0, n);
            }

            // The stream's own buffer, not a copy: the inflated data set is held once.
            return new ReadOnlyMemory<byte>(output.GetBuffer(), 0, (int)output.Length);
        }
        catch (InvalidDataException ex)
        {
            throw new DicomReadException($"deflated data set is corrupt: {ex.Message}", ex);
        }
    }
}
