using HapModular.Modules.Notifications.Letters.Storage;
using PdfSharp.Pdf;
using PdfSharp.Pdf.IO;

namespace HapModular.Modules.Notifications.Letters.Batch;

/// <summary>The mail room's daily print batch: every letter rendered that (Brussels) day, in order, as one PDF.</summary>
internal sealed class PrintBatches(LetterDatabase database)
{
    public async Task<IReadOnlyList<(DateOnly Date, int Letters)>> ListAsync(int days, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand(
            "SELECT batch_date, count(*) FROM notifications.letters WHERE batch_date IS NOT NULL GROUP BY batch_date ORDER BY batch_date DESC LIMIT $1");
        command.Parameters.AddWithValue(days);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var batches = new List<(DateOnly, int)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            batches.Add((reader.GetFieldValue<DateOnly>(0), (int)reader.GetInt64(1)));
        }

        return batches;
    }

    public async Task<IReadOnlyList<byte[]>> LettersOfAsync(DateOnly date, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand(
            "SELECT pdf FROM notifications.letters WHERE batch_date = $1 AND pdf IS NOT NULL ORDER BY rendered_at, id");
        command.Parameters.AddWithValue(date);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var letters = new List<byte[]>();
        while (await reader.ReadAsync(cancellationToken))
        {
            letters.Add((byte[])reader[0]);
        }

        return letters;
    }

    /// <summary>One PDF of the day's letters, or null when there are none.</summary>
    public async Task<byte[]?> BatchPdfAsync(DateOnly date, CancellationToken cancellationToken)
    {
        var letters = await LettersOfAsync(date, cancellationToken);
        if (letters.Count == 0)
        {
            return null;
        }

        using var batch = new PdfDocument();
        batch.Info.Title = $"Print batch {date:yyyy-MM-dd}";
        foreach (var letter in letters)
        {
            using var input = PdfReader.Open(new MemoryStream(letter), PdfDocumentOpenMode.Import);
            foreach (var page in input.Pages)
            {
                batch.AddPage(page);
            }
        }

        using var output = new MemoryStream();
        batch.Save(output, closeStream: false);
        return output.ToArray();
    }
}
