using System.Globalization;
using HapModular.Dicom;
using HapModular.Dicom.Imaging;

// Stable command line: "dump FILE" and "render FILE OUT.png [--frame N] [--window CENTER WIDTH]".
// Exit 0 on success; 1 with a one-line reason on stderr otherwise; 2 for bad usage.
try
{
    return args switch
    {
        ["dump", var file] => Dump(file),
        ["render", var file, var output, .. var options] => Render(file, output, options),
        _ => Usage(),
    };
}
catch (Exception ex) when (ex is DicomReadException or DicomImageException or IOException or UnauthorizedAccessException)
{
    Console.Error.WriteLine("error: " + ex.Message.ReplaceLineEndings(" "));
    return 1;
}

static int Usage()
{
    Console.Error.WriteLine("usage: dicom.sh dump FILE | dicom.sh render FILE OUT.png [--frame N] [--window CENTER WIDTH]");
    return 2;
}

static int Dump(string path)
{
    var file = DicomFile.Open(path);
    using var stdout = new StreamWriter(Console.OpenStandardOutput(), new System.Text.UTF8Encoding(false));
    stdout.Write(DicomDump.Dump(file));
    return 0;
}

static int Render(string path, string output, string[] options)
{
    var frame = 1;
    WindowLevel? window = null;
    for (var i = 0; i < options.Length; i++)
    {
        switch (options[i])
        {
            case "--frame" when i + 1 < options.Length && int.TryParse(options[i + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var f):
                frame = f;
                i++;
                break;
            case "--window" when i + 2 < options.Length
                && double.TryParse(options[i + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out var c)
                && double.TryParse(options[i + 2], NumberStyles.Float, CultureInfo.InvariantCulture, out var w):
                window = new WindowLevel(c, w);
                i += 2;
                break;
            default:
                return Usage();
        }
    }

    var file = DicomFile.Open(path);
    var image = DicomImage.Create(file);
    var rendered = image.Render(frame - 1, window is null ? VoiChoice.Default : VoiChoice.Window(window.Value));
    File.WriteAllBytes(output, PngWriter.Encode(rendered));
    return 0;
}
