using System.Globalization;
using System.Text;

namespace HapModular.Viewers.DeviceReports.Spirometry;

/// <summary>One spirometric parameter of one test: best value, units, predicted and lower limit of normal.</summary>
internal sealed record SpiroValue(string Name, double Value, string Units, double? Predicted, double? Lln)
{
    public double? PercentPredicted => Predicted is > 0 ? Value / Predicted * 100 : null;

    public bool BelowLln => Lln is { } l && Value < l;
}

/// <summary>One manoeuvre (row) of the export.</summary>
internal sealed record SpiroTest(string Id, DateOnly? Date, string Type, string Stage, string? Device, IReadOnlyList<SpiroValue> Values);

/// <summary>
/// The ndd EasyOne results export as CSV (one row per test, columns <c>X_value_1</c>, <c>X_units</c>,
/// <c>X_pred</c>, <c>X_lln</c> per parameter X, "NA" when not measured). Patient names in the file are not read.
/// </summary>
internal static class SpirometryCsv
{
    public static readonly string[] Parameters = ["FEV1", "FVC", "FEV1_FVC", "FEV6", "PEFR", "FEF2575", "FET", "BEV", "EOTV", "VCmax"];

    public static IReadOnlyList<SpiroTest>? Read(ReadOnlySpan<byte> bytes, out string reason)
    {
        reason = "Not a spirometry results export (no FEV1/FVC columns).";
        if (bytes.Length == 0 || bytes.Length > 50_000_000 || bytes.IndexOf((byte)0) >= 0)
        {
            return null;
        }

        var lines = Rows(Encoding.UTF8.GetString(bytes)).ToList();
        if (lines.Count < 2)
        {
            return null;
        }

        var header = lines[0];
        var col = header.Select((h, i) => (h, i)).GroupBy(x => x.h, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().i, StringComparer.Ordinal);
        if (!col.ContainsKey("FEV1_value_1") || !col.ContainsKey("FVC_value_1") || !col.ContainsKey("testDate"))
        {
            return null;
        }

        string? Cell(string[] row, string name) => col.TryGetValue(name, out var i) && i < row.Length && row[i] is { Length: > 0 } v && v != "NA" ? v : null;
        double? Number(string[] row, string name) =>
            Cell(row, name) is { } s && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) ? d : null;

        var tests = new List<SpiroTest>();
        foreach (var row in lines.Skip(1))
        {
            var values = new List<SpiroValue>();
            foreach (var p in Parameters)
            {
                if (Number(row, p + "_value_1") is { } v)
                {
                    values.Add(new SpiroValue(p, v, Cell(row, p + "_units") ?? string.Empty, Number(row, p + "_pred"), Number(row, p + "_lln")));
                }
            }

            var date = DateOnly.TryParseExact(Cell(row, "testDate") ?? string.Empty, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : (DateOnly?)null;
            tests.Add(new SpiroTest(Cell(row, "nddTestID") ?? string.Empty, date, Cell(row, "testType") ?? string.Empty, Cell(row, "testStage") ?? string.Empty, Cell(row, "deviceID"), values));
        }

        return tests;
    }

    // RFC 4180: quoted fields may hold commas and doubled quotes.
    private static IEnumerable<string[]> Rows(string text)
    {
        foreach (var line in text.Split('\n'))
        {
            var trimmed = line.TrimEnd('\r');
            if (trimmed.Length == 0)
            {
                continue;
            }

            var cells = new List<string>();
            var cell = new StringBuilder();
            var quoted = false;
            for (var i = 0; i < trimmed.Length; i++)
            {
                var ch = trimmed[i];
                if (quoted)
                {
                    if (ch == '"' && i + 1 < trimmed.Length && trimmed[i + 1] == '"')
                    {
                        cell.Append('"');
                        i++;
                    }
                    else if (ch == '"')
                    {
                        quoted = false;
                    }
                    else
                    {
                        cell.Append(ch);
                    }
                }
                else if (ch == '"')
                {
                    quoted = true;
                }
                else if (ch == ',')
                {
                    cells.Add(cell.ToString());
                    cell.Clear();
                }
                else
                {
                    cell.Append(ch);
                }
            }

            cells.Add(cell.ToString());
            yield return cells.ToArray();
        }
    }
}
