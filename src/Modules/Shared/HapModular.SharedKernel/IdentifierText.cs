namespace HapModular.SharedKernel;

/// <summary>Normalises typed identifiers: separators people type are dropped, anything else makes it invalid.</summary>
internal static class IdentifierText
{
    public static string? DigitsOnly(string? input)
    {
        if (string.IsNullOrWhiteSpace(input) || input.Length > 32)
        {
            return null;
        }

        Span<char> buffer = stackalloc char[32];
        var n = 0;
        foreach (var c in input)
        {
            if (char.IsAsciiDigit(c))
            {
                buffer[n++] = c;
            }
            else if (c is not ('.' or '-' or ' ' or '/'))
            {
                return null;
            }
        }

        return new string(buffer[..n]);
    }
}
