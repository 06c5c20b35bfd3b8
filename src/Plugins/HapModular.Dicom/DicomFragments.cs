namespace HapModular.Dicom;

/// <summary>Encapsulated pixel data: the Basic Offset Table and the fragments that follow it (PS3.5 §A.4).</summary>
public sealed class DicomFragments
{
    internal DicomFragments(IReadOnlyList<uint> offsetTable, IReadOnlyList<ReadOnlyMemory<byte>> fragments, IReadOnlyList<long> fragmentOffsets)
    {
        BasicOffsetTable = offsetTable;
        Fragments = fragments;
        FragmentOffsets = fragmentOffsets;
    }

    /// <summary>Offsets of each frame's first fragment, relative to the first fragment's item tag; may be empty.</summary>
    public IReadOnlyList<uint> BasicOffsetTable { get; }

    /// <summary>The fragments' bytes, in order.</summary>
    public IReadOnlyList<ReadOnlyMemory<byte>> Fragments { get; }

    /// <summary>Offset of each fragment's item tag, relative to the first fragment's item tag (what offset tables count).</summary>
    public IReadOnlyList<long> FragmentOffsets { get; }
}
