using Microsoft.AspNetCore.Builder;
using Npgsql;

namespace HapModular.Benchmarks;

/// <summary>
/// <c>--floor</c>: <c>/bench/floor</c>, the database work of the timeline's real path alone, with the same statements
/// (Identity's session check, Consent's access state, the audit's transaction, the page's two reads) and a page-sized
/// answer; no sign-in, no guard, no page code. It is not what the benchmark measures: it shows what the timeline's
/// ratio could reach if the portal's own code cost nothing. <c>audit=0</c> leaves the audit out (its transaction here
/// is one per request, where the portal's writer groups concurrent ones: with it the floor is low, without it high);
/// <c>checks=0</c> the session and Consent too (the page's reads with no security at all).
/// </summary>
internal static class FloorEndpoint
{
    // The timeline's HTML is about 60 KB.
    private static readonly byte[] Page = new byte[60 * 1024];

    public static void Map(IApplicationBuilder app, NpgsqlDataSource dataSource) => app.Map("/bench/floor", floor => floor.Run(async http =>
    {
        var patient = Guid.Parse(http.Request.Query["p"].ToString());
        var user = Guid.Parse(http.Request.Query["u"].ToString());
        var ct = http.RequestAborted;
        if (http.Request.Query["checks"] != "0")
        {
            await using var session = dataSource.CreateBatch();
            session.BatchCommands.Add(Command(
                "SELECT a.data ->> 'Status', a.data ->> 'SecurityStamp', EXISTS (SELECT 1 FROM identity.mt_doc_revokedticket r WHERE r.id = $2) FROM identity.mt_doc_account a WHERE a.id = $1",
                user,
                "5c87aec836dd40499d41c79626b15475"));
            await ReadAllAsync(session, ct);

            await using var consent = dataSource.CreateBatch();
            consent.BatchCommands.Add(Command(
                """
                SELECT (SELECT data FROM consent.mt_doc_patientconsent WHERE id = $1[1]), (SELECT data FROM consent.mt_doc_therapeuticlink WHERE id = $1[2]),
                    (SELECT data FROM consent.mt_doc_exclusion WHERE id = $1[3]),
                    (SELECT jsonb_agg(data) FROM consent.mt_doc_emergencygrant WHERE CAST(data ->> 'PatientId' as uuid) = $1[4] AND CAST(data ->> 'PhysicianUserId' as uuid) = $1[5])
                """,
                new[] { patient, user, patient, patient, user }));
            await ReadAllAsync(consent, ct);
        }

        if (http.Request.Query["audit"] != "0")
        {
            await using var audit = dataSource.CreateBatch();
            audit.BatchCommands.Add(new NpgsqlBatchCommand("BEGIN ISOLATION LEVEL READ COMMITTED"));
            audit.BatchCommands.Add(new NpgsqlBatchCommand("SELECT pg_advisory_xact_lock(5206530885750638933)"));
            audit.BatchCommands.Add(Command(
                """
                INSERT INTO public.floor_audit (seq, at, action, actor_user_id, actor_name, patient_id, prev_hash, hash)
                SELECT COALESCE((SELECT max(seq) FROM public.floor_audit), 0) + 1, now(), 'read', $1, 'Dr Bench', $2, $3, $4
                """,
                user,
                patient,
                "a7bcec4f65932f17457a355885e2df4e37f9f8c23bb945f212afccb7b0cda972",
                "eec5b54826da06edb72360d410f0716c3ccd00791fbec3667084f17f70ef033c"));
            audit.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
            await audit.ExecuteNonQueryAsync(ct);
        }

        const string Visible = "d.patient_id = $1 AND (d.masked_by IS NULL OR (d.masked_by = 'author' AND left(d.author_inami, 8) = $2)) AND (d.embargo_until IS NULL OR d.embargo_until <= $3)";
        await using var page = dataSource.CreateBatch();
        page.BatchCommands.Add(Command(
            $"""
            SELECT d.id, d.title, d.kind, d.clinical_date, d.department, d.author, d.media_type, d.file_name, d.sop_class_uid,
                d.thumbnail_sha256 IS NOT NULL, d.study_uid, d.series_uid, d.modality, d.series_description, d.clinical_date_known
            FROM records.documents d WHERE {Visible} ORDER BY d.clinical_date DESC, d.id DESC LIMIT 51
            """,
            patient,
            "18334780",
            DateTimeOffset.UtcNow));
        page.BatchCommands.Add(Command($"SELECT kind, department, count(*)::int FROM records.documents d WHERE {Visible} GROUP BY kind, department", patient, "18334780", DateTimeOffset.UtcNow));
        await ReadAllAsync(page, ct);

        http.Response.ContentType = "text/html";
        await http.Response.Body.WriteAsync(Page, ct);
    }));

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }

    private static async Task ReadAllAsync(NpgsqlBatch batch, CancellationToken ct)
    {
        await using var reader = await batch.ExecuteReaderAsync(ct);
        do
        {
            while (await reader.ReadAsync(ct))
            {
            }
        }
        while (await reader.NextResultAsync(ct));
    }
}
