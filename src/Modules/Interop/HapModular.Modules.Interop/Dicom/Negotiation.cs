using System.Buffers.Binary;
using System.Text;
using HapModular.Dicom;

namespace HapModular.Modules.Interop.Dicom;

/// <summary>The outcome of one proposed context: accepted with a transfer syntax, or refused with a PS3.8 result code.</summary>
internal sealed record NegotiatedContext(byte Id, string AbstractSyntax, byte Result, string? TransferSyntax)
{
    public const byte Acceptance = 0;
    public const byte AbstractSyntaxNotSupported = 3;
    public const byte TransferSyntaxesNotSupported = 4;

    public bool Accepted => Result == Acceptance;
}

/// <summary>
/// Association acceptance (PS3.8 9.3.3): the DICOM application context, called AE title = ours, calling AE title on
/// the allow-list; Verification and the storage SOP classes; for each context the first transfer syntax in the
/// caller's order that the portal's DICOM reader reads, so what is stored is what the sender had.
/// </summary>
internal static class Negotiation
{
    public const string VerificationSopClass = "1.2.840.10008.1.1";

    /// <summary>Implementation Class UID of the portal (a UUID-derived UID, PS3.5 B.2), and its version name.</summary>
    public const string ImplementationClassUid = "2.25.207913625880164893215830541617512343181";
    public const string ImplementationVersion = "HAPMODULAR_1";

    private static readonly HashSet<string> ReadableTransferSyntaxes =
    [
        TransferSyntax.ImplicitVRLittleEndianUid,
        TransferSyntax.ExplicitVRLittleEndianUid,
        TransferSyntax.DeflatedExplicitVRLittleEndianUid,
        TransferSyntax.ExplicitVRBigEndianUid,
        TransferSyntax.RleLosslessUid,
        TransferSyntax.JpegBaselineUid,
        TransferSyntax.JpegExtendedUid,
        TransferSyntax.JpegLosslessUid,
        TransferSyntax.JpegLosslessSv1Uid,
        TransferSyntax.JpegLsLosslessUid,
        TransferSyntax.JpegLsNearLosslessUid,
        TransferSyntax.Jpeg2000LosslessUid,
        TransferSyntax.Jpeg2000Uid,
        "1.2.840.10008.1.2.4.201", // HTJ2K Lossless
        "1.2.840.10008.1.2.4.202", // HTJ2K Lossless RPCL
        "1.2.840.10008.1.2.4.203", // HTJ2K
    ];

    /// <summary>
    /// Storage SOP classes are the PS3.4 Annex B branch <c>1.2.840.10008.5.1.4.1.1.</c> (images, SR, waveforms,
    /// encapsulated documents, RT): a rule of the registry rather than a copied table, so a new storage class is
    /// accepted the day a modality sends it.
    /// </summary>
    public static bool IsStorageSopClass(string uid) => uid.StartsWith("1.2.840.10008.5.1.4.1.1.", StringComparison.Ordinal);

    public static NegotiatedContext Negotiate(ProposedContext proposed)
    {
        var verification = proposed.AbstractSyntax == VerificationSopClass;
        if (!verification && !IsStorageSopClass(proposed.AbstractSyntax))
        {
            return new NegotiatedContext(proposed.Id, proposed.AbstractSyntax, NegotiatedContext.AbstractSyntaxNotSupported, null);
        }

        var ts = proposed.TransferSyntaxes.FirstOrDefault(t => verification ? t == TransferSyntax.ImplicitVRLittleEndianUid || t == TransferSyntax.ExplicitVRLittleEndianUid : ReadableTransferSyntaxes.Contains(t));
        return ts is null
            ? new NegotiatedContext(proposed.Id, proposed.AbstractSyntax, NegotiatedContext.TransferSyntaxesNotSupported, null)
            : new NegotiatedContext(proposed.Id, proposed.AbstractSyntax, NegotiatedContext.Acceptance, ts);
    }

    /// <summary>The A-ASSOCIATE-AC body for the request and the negotiated contexts.</summary>
    public static byte[] AssociateAc(AssociateRequest request, IReadOnlyList<NegotiatedContext> contexts, uint maxPduLength)
    {
        using var body = new MemoryStream();
        body.Write([0x00, 0x01, 0x00, 0x00]);
        body.Write(request.CalledAeRaw);
        body.Write(request.CallingAeRaw);
        body.Write(new byte[32]);
        Item(body, 0x10, Encoding.ASCII.GetBytes(AssociateRequest.DicomApplicationContext));
        foreach (var c in contexts)
        {
            using var item = new MemoryStream();
            item.Write([c.Id, 0, c.Result, 0]);
            // PS3.8 9.3.3.2: the transfer syntax sub-item is present but not significant when the context is refused.
            Item(item, 0x40, Encoding.ASCII.GetBytes(c.TransferSyntax ?? TransferSyntax.ImplicitVRLittleEndianUid));
            Item(body, 0x21, item.ToArray());
        }

        using var user = new MemoryStream();
        var max = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(max, maxPduLength);
        Item(user, 0x51, max);
        Item(user, 0x52, Encoding.ASCII.GetBytes(ImplementationClassUid));
        Item(user, 0x55, Encoding.ASCII.GetBytes(ImplementationVersion));
        Item(body, 0x50, user.ToArray());
        return UpperLayer.Frame(PduType.AssociateAc, body.ToArray());
    }

    private static void Item(Stream stream, byte type, byte[] value)
    {
        Span<byte> header = [type, 0, 0, 0];
        BinaryPrimitives.WriteUInt16BigEndian(header[2..], (ushort)value.Length);
        stream.Write(header);
        stream.Write(value);
    }
}
