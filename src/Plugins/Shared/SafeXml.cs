using System.Xml;
using System.Xml.Linq;

namespace HapModular.Viewers.Shared;

/// <summary>Loads XML with DTDs prohibited and no resolver: no entity expansion bombs, no file or network access.</summary>
internal static class SafeXml
{
    public static XDocument? TryLoad(ReadOnlyMemory<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return null;
        }

        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            MaxCharactersInDocument = 200_000_000,
        };
        try
        {
            using var stream = new MemoryStream(bytes.ToArray(), writable: false);
            using var reader = XmlReader.Create(stream, settings, Context());
            return XDocument.Load(reader, LoadOptions.None);
        }
        catch (XmlException)
        {
            return null;
        }
    }

    // CDA fragments cut out of whole documents use xsi:type and sdtc: without declaring them.
    private static XmlParserContext Context()
    {
        var names = new XmlNamespaceManager(new NameTable());
        names.AddNamespace("xsi", "http://www.w3.org/2001/XMLSchema-instance");
        names.AddNamespace("sdtc", "urn:hl7-org:sdtc");
        return new XmlParserContext(null, names, null, XmlSpace.None);
    }

    public static XDocument? TryParse(string text)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true, IgnoreProcessingInstructions = true };
        try
        {
            // The XML declaration may name an encoding the string no longer has: read it as text, not bytes.
            using var reader = XmlReader.Create(new StringReader(text.TrimStart('\uFEFF')), settings, Context());
            return XDocument.Load(reader, LoadOptions.None);
        }
        catch (XmlException)
        {
            return null;
        }
    }
}
