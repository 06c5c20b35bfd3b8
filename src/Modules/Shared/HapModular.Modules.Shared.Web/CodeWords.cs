using Microsoft.Extensions.Localization;

namespace HapModular.Modules.Shared.Web;

/// <summary>A stored code (audit action, outcome, reason…) in the reader's words, or the code itself when none is known.</summary>
public static class CodeWords
{
    /// <summary>The words for <paramref name="code"/> under <paramref name="group"/> (e.g. <c>Action</c>, <c>Reason</c>).</summary>
    /// <param name="codes">The localizer that holds <c>group.code</c> entries (<see cref="Resources.CodeText"/>).</param>
    /// <param name="group">The kind of code.</param>
    /// <param name="code">The stored code, or null.</param>
    /// <returns>The translation, the code as stored when no translation exists, or null.</returns>
    public static string? Word(this IStringLocalizer codes, string group, string? code)
    {
        ArgumentNullException.ThrowIfNull(codes);
        return code is null ? null : codes[group + "." + code] is { ResourceNotFound: false } word ? word.Value : code;
    }
}
