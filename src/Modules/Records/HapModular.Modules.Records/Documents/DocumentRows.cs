using HapModular.Viewers;
using Npgsql;

namespace HapModular.Modules.Records.Documents;

/// <summary>Maps <c>records.documents</c> rows (column order of <see cref="Columns"/>) to <see cref="StoredDocument"/>.</summary>
internal static class DocumentRows
{
    public const string Columns = """
        id, patient_id, title, kind, clinical_date, department, author, media_type, size, sha256, file_name, source_system, source_id,
        study_uid, series_uid, instance_uid, sop_class_uid, modality, series_description, masked_by, embargo_category, embargo_until,
        thumbnail_sha256, thumbnail_media_type, ingested_at, author_inami, clinical_date_known,
        file_patient_name, file_patient_birth_date, file_patient_id, file_identity_source, identity_check
        """;

    /// <summary>The names of <see cref="Columns"/>, in order (their count is where a query's own columns start).</summary>
    public static readonly string[] Names = Columns.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    public static StoredDocument Read(NpgsqlDataReader r) => new(
        r.GetGuid(0),
        r.GetGuid(1),
        r.GetString(2),
        r.GetString(3),
        r.GetFieldValue<DateTimeOffset>(4),
        r.GetString(5),
        Text(r, 6),
        r.GetString(7),
        r.GetInt64(8),
        r.GetString(9),
        Text(r, 10),
        r.GetString(11),
        r.GetString(12),
        Text(r, 13),
        Text(r, 14),
        Text(r, 15),
        Text(r, 16),
        Text(r, 17),
        Text(r, 18),
        Text(r, 19),
        Text(r, 20),
        r.IsDBNull(21) ? null : r.GetFieldValue<DateTimeOffset>(21),
        Text(r, 22),
        Text(r, 23),
        r.GetFieldValue<DateTimeOffset>(24))
    {
        AuthorInami = Text(r, 25),
        ClinicalDateKnown = r.GetBoolean(26),
        FileIdentity = ReadIdentity(r),
        IdentityCheck = Text(r, 31),
    };

    public static string ValueList => """
        @id, @patient_id, @title, @kind, @clinical_date, @department, @author, @media_type, @size, @sha256, @file_name,
        @source_system, @source_id, @study_uid, @series_uid, @instance_uid, @sop_class_uid, @modality, @series_description,
        @masked_by, @embargo_category, @embargo_until, @thumbnail_sha256, @thumbnail_media_type, @ingested_at, @author_inami,
        @clinical_date_known, @file_patient_name, @file_patient_birth_date, @file_patient_id, @file_identity_source, @identity_check
        """;

    public static void Bind(NpgsqlCommand command, StoredDocument d)
    {
        var p = command.Parameters;
        p.AddWithValue("id", d.Id);
        p.AddWithValue("patient_id", d.PatientId);
        p.AddWithValue("title", d.Title);
        p.AddWithValue("kind", d.Kind);
        p.AddWithValue("clinical_date", d.ClinicalDate.ToUniversalTime());
        p.AddWithValue("department", d.Department);
        p.AddWithValue("author", (object?)d.Author ?? DBNull.Value);
        p.AddWithValue("media_type", d.MediaType);
        p.AddWithValue("size", d.Size);
        p.AddWithValue("sha256", d.Sha256);
        p.AddWithValue("file_name", (object?)d.FileName ?? DBNull.Value);
        p.AddWithValue("source_system", d.SourceSystem);
        p.AddWithValue("source_id", d.SourceId);
        p.AddWithValue("study_uid", (object?)d.StudyUid ?? DBNull.Value);
        p.AddWithValue("series_uid", (object?)d.SeriesUid ?? DBNull.Value);
        p.AddWithValue("instance_uid", (object?)d.InstanceUid ?? DBNull.Value);
        p.AddWithValue("sop_class_uid", (object?)d.SopClassUid ?? DBNull.Value);
        p.AddWithValue("modality", (object?)d.Modality ?? DBNull.Value);
        p.AddWithValue("series_description", (object?)d.SeriesDescription ?? DBNull.Value);
        p.AddWithValue("masked_by", (object?)d.MaskedBy ?? DBNull.Value);
        p.AddWithValue("embargo_category", (object?)d.EmbargoCategory ?? DBNull.Value);
        p.AddWithValue("embargo_until", (object?)d.EmbargoUntil?.ToUniversalTime() ?? DBNull.Value);
        p.AddWithValue("thumbnail_sha256", (object?)d.ThumbnailSha256 ?? DBNull.Value);
        p.AddWithValue("thumbnail_media_type", (object?)d.ThumbnailMediaType ?? DBNull.Value);
        p.AddWithValue("ingested_at", d.IngestedAt.ToUniversalTime());
        p.AddWithValue("author_inami", (object?)d.AuthorInami ?? DBNull.Value);
        p.AddWithValue("clinical_date_known", d.ClinicalDateKnown);
        p.AddWithValue("file_patient_name", (object?)d.FileIdentity?.Name ?? DBNull.Value);
        p.AddWithValue("file_patient_birth_date", (object?)d.FileIdentity?.BirthDate ?? DBNull.Value);
        p.AddWithValue("file_patient_id", (object?)d.FileIdentity?.Id ?? DBNull.Value);
        p.AddWithValue("file_identity_source", (object?)d.FileIdentity?.Source ?? DBNull.Value);
        p.AddWithValue("identity_check", (object?)d.IdentityCheck ?? DBNull.Value);
    }

    private static FileIdentity? ReadIdentity(NpgsqlDataReader r)
    {
        var identity = new FileIdentity
        {
            Name = Text(r, 27),
            BirthDate = r.IsDBNull(28) ? null : r.GetFieldValue<DateOnly>(28),
            Id = Text(r, 29),
            Source = Text(r, 30),
        };
        return identity.IsEmpty ? null : identity;
    }

    private static string? Text(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
}
