using System.Xml;

namespace HapModular.Modules.Records.Documents;

/// <summary>The local name of an XML document's root element, read by an XML parser (no DTD, no resolver).</summary>
internal static class XmlRoot
{
    // A root after a megabyte of prologue is not a document anyone sends; the reader stops at the root anyway.
    private const int Probe = 1024 * 1024;

    public static string? LocalName(ReadOnlySpan<byte> data)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Ignore,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            IgnoreWhitespace = true,
            MaxCharactersFromEntities = 1024,
        };
        try
        {
            using var stream = new MemoryStream(data[..Math.Min(data.Length, Probe)].ToArray(), writable: false);
            using var reader = XmlReader.Create(stream, settings);
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element)
                {
                    return reader.LocalName;
                }
            }
        }
        catch (XmlException)
        {
            // Not well-formed before its root: not an XML document.
        }

        return null;
    }
}
