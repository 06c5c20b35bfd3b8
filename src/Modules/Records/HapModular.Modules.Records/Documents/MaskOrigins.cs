namespace HapModular.Modules.Records.Documents;

/// <summary>Who masked a document (R6), the values of <c>records.documents.masked_by</c>.</summary>
internal static class MaskOrigins
{
    /// <summary>The author physician (identified by <see cref="StoredDocument.AuthorInami"/>); the author keeps access.</summary>
    public const string Author = "author";

    /// <summary>The patient, through the hospital's patient desk.</summary>
    public const string Patient = "patient";

    /// <summary>Hospital policy.</summary>
    public const string Hospital = "hospital";

    public static bool IsKnown(string? origin) => origin is Author or Patient or Hospital;
}
