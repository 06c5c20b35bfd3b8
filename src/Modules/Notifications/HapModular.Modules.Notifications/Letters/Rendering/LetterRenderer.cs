using HapModular.Modules.Consent.Contracts;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace HapModular.Modules.Notifications.Letters.Rendering;

/// <summary>One A4 page: letterhead, address window, date, subject, what happened, how to object, the access code.</summary>
internal sealed class LetterRenderer(LetterSettings settings)
{
    private const double Left = 60;
    private const double Width = 475;

    public byte[] Render(LetterModel letter)
    {
        DejaVuFontResolver.EnsureInstalled();
        var t = LetterTexts.For(letter.Language);
        using var document = new PdfDocument();
        document.Info.Title = t["Subject." + letter.Kind];
        document.Info.Author = settings.Hospital;
        var page = document.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        using (var gfx = XGraphics.FromPdfPage(page))
        {
            var pen = new Writer(gfx);
            pen.Line(settings.Hospital, Fonts.Title);
            foreach (var line in settings.HospitalAddress)
            {
                pen.Line(line, Fonts.Small);
            }

            pen.Line(t.Format("DeskPhone", settings.DeskPhone), Fonts.Small);
            gfx.DrawLine(new XPen(XColors.SteelBlue, 1), Left, pen.Y + 4, Left + Width, pen.Y + 4);

            // Address block where a window envelope shows it.
            pen.MoveTo(150, 330);
            pen.Line(letter.PatientName, Fonts.Bold);
            foreach (var line in letter.PatientAddress)
            {
                pen.Line(line, Fonts.Body);
            }

            pen.MoveTo(240, Left);
            pen.Line(t.Format("DateLine", t.Date(letter.PrintedAt)), Fonts.Body);
            pen.Gap(10);
            pen.Paragraph(t["Subject." + letter.Kind], Fonts.Bold);
            pen.Gap(8);
            pen.Paragraph(t["Greeting"], Fonts.Body);
            pen.Gap(4);
            pen.Paragraph(Body(letter, t), Fonts.Body);
            pen.Gap(10);
            pen.Paragraph(t["HowToObjectTitle"], Fonts.Bold);
            pen.Paragraph(t.Format("HowToObject", settings.DeskPhone, settings.PortalUrl + "/patient-report"), Fonts.Body);
            pen.Gap(10);
            pen.Paragraph(t.Format("AccessCode", letter.AccessCode), Fonts.Code);
            pen.Paragraph(t.Format("AccessCodeUse", t.Date(letter.AccessCodeExpires)), Fonts.Small);
            pen.Gap(14);
            pen.Paragraph(t["Closing"], Fonts.Body);
            pen.Paragraph(t.Format("Signature", settings.Hospital), Fonts.Body);
        }

        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }

    private static string Body(LetterModel l, LetterTexts t)
    {
        var physician = l.PhysicianName is null ? t["UnknownPhysician"] : l.PhysicianName;
        var inami = l.PhysicianInami ?? "—";
        return l.Kind switch
        {
            PatientNoticeKind.LinkCreated => t.Format("Body.LinkCreated", physician, inami, t["LinkType." + l.LinkType], t.Date(l.ValidFrom ?? l.OccurredAt), t.Date(l.ValidUntil ?? l.OccurredAt)),
            PatientNoticeKind.EmergencyAccess => t.Format("Body.EmergencyAccess", physician, inami, t.Date(l.OccurredAt), t.Date(l.ValidUntil ?? l.OccurredAt)),
            PatientNoticeKind.ConsentChanged => t.Format("Body.ConsentChanged." + (l.ConsentStatus ?? "given"), t.Date(l.OccurredAt)),
            PatientNoticeKind.ExclusionConfirmed => t.Format("Body.ExclusionConfirmed", physician, inami, t.Date(l.OccurredAt)),
            PatientNoticeKind.LinkEnded => t.Format("Body.LinkEnded", physician, inami, t["LinkType." + l.LinkType], t.Date(l.OccurredAt)),
            _ => string.Empty,
        };
    }

    private static class Fonts
    {
        private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode);

        public static readonly XFont Title = new(DejaVuFontResolver.Family, 16, XFontStyleEx.Bold, Unicode);
        public static readonly XFont Bold = new(DejaVuFontResolver.Family, 10.5, XFontStyleEx.Bold, Unicode);
        public static readonly XFont Body = new(DejaVuFontResolver.Family, 10.5, XFontStyleEx.Regular, Unicode);
        public static readonly XFont Small = new(DejaVuFontResolver.Family, 8.5, XFontStyleEx.Regular, Unicode);
        public static readonly XFont Code = new(DejaVuFontResolver.Family, 12, XFontStyleEx.Bold, Unicode);
    }

    /// <summary>Writes lines top to bottom, wrapping paragraphs on word boundaries.</summary>
    private sealed class Writer(XGraphics gfx)
    {
        private double x = Left;
        private double width = Width;

        public double Y { get; private set; } = 50;

        public void MoveTo(double y, double left)
        {
            Y = y;
            x = left;
            width = Left + Width - left;
        }

        public void Gap(double points) => Y += points;

        public void Line(string text, XFont font)
        {
            var height = font.GetHeight();
            gfx.DrawString(text, font, XBrushes.Black, new XRect(x, Y, width, height), XStringFormats.TopLeft);
            Y += height * 1.15;
        }

        public void Paragraph(string text, XFont font)
        {
            foreach (var block in text.Split('\n'))
            {
                var line = string.Empty;
                foreach (var word in block.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    var candidate = line.Length == 0 ? word : line + " " + word;
                    if (line.Length > 0 && gfx.MeasureString(candidate, font).Width > width)
                    {
                        Line(line, font);
                        line = word;
                    }
                    else
                    {
                        line = candidate;
                    }
                }

                if (line.Length > 0)
                {
                    Line(line, font);
                }
            }
        }
    }
}
