namespace HapModular.Dicom.Codecs;

/// <summary>A compressed frame could not be decoded.</summary>
internal sealed class CodecException : Exception
{
    public CodecException()
    {
    }

    public CodecException(string message)
        : base(message)
    {
    }

    public CodecException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
