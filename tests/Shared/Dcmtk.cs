using System.Diagnostics;

namespace HapModular.Tests.Shared;

/// <summary>
/// Runs dcmtk's command-line tools (Debian package dcmtk, installed by build/setup.sh) on test files: the real
/// peer that re-encodes corpus files (dcmconv, dcmcjpeg, dcmdjpeg, dcmcrle, dcmdrle) and edits them (dcmodify).
/// Work files live in one temporary folder per call and are deleted after.
/// </summary>
internal static class Dcmtk
{
    /// <summary>Runs a tool; throws when it cannot be started (dcmtk not installed).</summary>
    public static (int Code, string Stdout, string Stderr) Run(string tool, params string[] args)
    {
        var info = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException(tool + " did not start");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"{tool} is not installed: run build/setup.sh (Debian package dcmtk)", ex);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, stdout.Result, stderr);
        }
    }

    /// <summary>
    /// Writes <paramref name="input"/> to a file, runs <paramref name="tool"/> with the options then input and output
    /// paths (dcmconv/dcmcjpeg/dcmdjpeg/dcmcrle order), and returns the output bytes, or the tool's reason when it
    /// refuses (non-zero exit).
    /// </summary>
    public static (byte[]? Output, string Reason) Convert(byte[] input, string tool, params string[] options)
    {
        var dir = Directory.CreateTempSubdirectory("hap-dcmtk-");
        try
        {
            var source = Path.Combine(dir.FullName, "in.dcm");
            var target = Path.Combine(dir.FullName, "out.dcm");
            File.WriteAllBytes(source, input);
            var (code, stdout, stderr) = Run(tool, [.. options, source, target]);
            if (code != 0 || !File.Exists(target))
            {
                // dcmtk prints warnings (W:) before the error (E:, F:) that made it stop: the error is the reason.
                var lines = (stderr + stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                var reason = lines.FirstOrDefault(l => l.StartsWith("E:", StringComparison.Ordinal) || l.StartsWith("F:", StringComparison.Ordinal))
                    ?? lines.FirstOrDefault() ?? $"exit {code}";
                return (null, reason.Replace(source, "input", StringComparison.Ordinal).Replace(target, "output", StringComparison.Ordinal));
            }

            return (File.ReadAllBytes(target), string.Empty);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    /// <summary>Applies dcmodify modifications (e.g. <c>-m "(0010,0010)=X"</c>) to a copy of the bytes.</summary>
    public static byte[] Modify(byte[] input, params string[] modifications)
    {
        var dir = Directory.CreateTempSubdirectory("hap-dcmodify-");
        try
        {
            var file = Path.Combine(dir.FullName, "f.dcm");
            File.WriteAllBytes(file, input);
            var (code, stdout, stderr) = Run("dcmodify", ["-nb", "-nmu", .. modifications, file]);
            if (code != 0)
            {
                throw new InvalidOperationException($"dcmodify {string.Join(' ', modifications)} failed: {stderr}{stdout}");
            }

            return File.ReadAllBytes(file);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
