using System.Globalization;
using System.Text;

namespace HapModular.DemoSet;

/// <summary>
/// A one-page PDF report written by hand (PDF 1.4, ISO 32000-1): the standard Helvetica font in WinAnsi encoding
/// (French accents included), no embedded font, an uncompressed content stream, a correct cross-reference table.
/// Small and byte-for-byte reproducible.
/// </summary>
internal static class Pdf
{
    public static (string, byte[]) Report(DemoPerson p, DateTimeOffset date)
    {
        string[] lines =
        [
            "CHU Ambroise Paré - Pneumologie (démonstration)",
            string.Create(CultureInfo.InvariantCulture, $"Protocole d'épreuves fonctionnelles respiratoires du {date:dd/MM/yyyy}"),
            $"Patient : {p.FirstName} {p.LastName} (patient fictif)",
            "VEMS 2,31 L (84 % de la valeur prédite), CVF 3,42 L (102 %), VEMS/CVF 67,5 %.",
            "Conclusion : syndrome obstructif léger, réversibilité à tester.",
            "Dr Sophie Wouters, pneumologue.",
        ];
        var content = new StringBuilder("BT /F1 12 Tf 60 780 Td 16 TL\n");
        foreach (var line in lines)
        {
            content.Append('(').Append(line.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("(", "\\(", StringComparison.Ordinal).Replace(")", "\\)", StringComparison.Ordinal)).Append(") '\n");
        }

        content.Append("ET\n");
        var stream = Encoding.Latin1.GetBytes(content.ToString());
        var objects = new[]
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
            $"<< /Length {stream.Length} >>\nstream\n{Encoding.Latin1.GetString(stream)}endstream",
        };
        var pdf = new StringBuilder("%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(Encoding.Latin1.GetByteCount(pdf.ToString()));
            pdf.Append(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        var xref = Encoding.Latin1.GetByteCount(pdf.ToString());
        pdf.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            pdf.Append(CultureInfo.InvariantCulture, $"{offset:0000000000} 00000 n \n");
        }

        pdf.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return ("efr-pneumologie.pdf", Encoding.Latin1.GetBytes(pdf.ToString()));
    }
}
