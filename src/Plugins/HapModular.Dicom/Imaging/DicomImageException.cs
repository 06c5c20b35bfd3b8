namespace HapModular.Dicom.Imaging;

/// <summary>The data set has no displayable image, or a frame cannot be decoded; the message says why.</summary>
public sealed class DicomImageException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DicomImageException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">Why.</param>
    public DicomImageException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">Why.</param>
    /// <param name="inner">The cause.</param>
    public DicomImageException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
