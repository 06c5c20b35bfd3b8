namespace HapModular.Dicom;

/// <summary>The bytes are not a readable DICOM stream; the message names the offset and the problem.</summary>
public sealed class DicomReadException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DicomReadException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The problem.</param>
    public DicomReadException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The problem.</param>
    /// <param name="inner">The cause.</param>
    public DicomReadException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>Creates the exception for a problem at a byte offset.</summary>
    /// <param name="offset">Where the problem is.</param>
    /// <param name="problem">What it is.</param>
    public DicomReadException(long offset, string problem)
        : base($"offset {offset}: {problem}")
    {
        Offset = offset;
    }

    /// <summary>The byte offset of the problem, when known (-1 otherwise).</summary>
    public long Offset { get; } = -1;
}
