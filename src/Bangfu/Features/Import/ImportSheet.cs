using System.Text;
using MiniExcelLibs;

namespace Bangfu.Features.Import;

/// A column an import reads: its key and the headings it may carry (the ledger export's first, then the ways
/// coordinators' own sheets name it).
public sealed record ImportColumn(string Key, params string[] Names);

/// One data row: its number as Excel shows it, and its cells by column key (absent when the sheet has no such column).
public sealed record ImportRow(int Number, IReadOnlyDictionary<string, object?> Cells)
{
    public object? this[string key] => Cells.GetValueOrDefault(key);
}

/// A refusal of the whole file (no heading row, not a workbook): a message key and its arguments.
public sealed class ImportFormatException(string messageKey, params object[] args) : Exception(messageKey)
{
    public string MessageKey { get; } = messageKey;
    public object[] Args { get; } = args;
}

/// Reads the first sheet of a workbook as a coordinator's ledger: finds the heading row among the first rows (titles
/// and merged cells above it are passed over), maps its headings to columns, then streams the rows below it one at a
/// time (the workbook's rows are never all held), passing over empty rows and 合计/总计/小计 rows, which are counted
/// in <see cref="Skipped"/> with their row numbers.
public sealed class ImportSheet : IDisposable
{
    /// How far down the heading row may be.
    public const int HeaderSearchRows = 30;
    private static readonly string[] TotalWords = ["合计", "总计", "小计", "累计", "total"];

    private readonly IEnumerator<IDictionary<string, object?>> rows;
    private readonly Dictionary<string, string> letterToKey;
    private int number;

    private ImportSheet(IEnumerator<IDictionary<string, object?>> rows, Dictionary<string, string> letterToKey, int number, IReadOnlyList<string> headers)
    {
        this.rows = rows;
        this.letterToKey = letterToKey;
        this.number = number;
        HeaderRowNumber = number;
        Headers = headers;
    }

    public int HeaderRowNumber { get; }

    /// The keys of the columns found, in sheet order.
    public IReadOnlyList<string> Headers { get; }

    /// Row numbers passed over as totals rows.
    public List<int> Skipped { get; } = [];

    /// <paramref name="workbook"/> must be seekable and already checked by the ZIP guard. At least
    /// <paramref name="minimumMatches"/> headings of one row must be known columns for it to be the heading row.
    public static ImportSheet Open(Stream workbook, IReadOnlyList<ImportColumn> columns, int minimumMatches = 2)
    {
        var names = new Dictionary<string, string>();
        foreach (var c in columns)
        {
            foreach (var n in c.Names)
                names.TryAdd(Normalise(n), c.Key);
        }
        IEnumerator<IDictionary<string, object?>> rows;
        try
        {
            rows = MiniExcel.Query(workbook, useHeaderRow: false, excelType: ExcelType.XLSX)
                .Cast<IDictionary<string, object?>>().GetEnumerator();
            for (var number = 1; number <= HeaderSearchRows && rows.MoveNext(); number++)
            {
                var found = new Dictionary<string, string>();
                foreach (var (letter, value) in rows.Current)
                {
                    if (ImportValues.Text(value) is { } heading && names.TryGetValue(Normalise(heading), out var key) && !found.ContainsValue(key))
                        found[letter] = key;
                }
                if (found.Count >= minimumMatches)
                    return new ImportSheet(rows, found, number, [.. found.Values]);
            }
        }
        catch (Exception e) when (e is InvalidDataException or System.Xml.XmlException or IOException or InvalidOperationException or NotSupportedException or ArgumentException or FormatException)
        {
            throw new ImportFormatException("Import.NotAWorkbook");
        }
        rows.Dispose();
        throw new ImportFormatException("Import.NoHeaderRow", HeaderSearchRows, string.Join("、", columns.Select(c => c.Names[0])));
    }

    /// The data rows below the heading row, in order, one at a time.
    public IEnumerable<ImportRow> Rows()
    {
        while (true)
        {
            try
            {
                if (!rows.MoveNext())
                    yield break;
            }
            catch (Exception e) when (e is InvalidDataException or System.Xml.XmlException or IOException or InvalidOperationException or FormatException)
            {
                throw new ImportFormatException("Import.NotAWorkbook");
            }
            number++;
            var cells = new Dictionary<string, object?>();
            string? first = null;
            foreach (var (letter, value) in rows.Current)
            {
                var text = ImportValues.Text(value);
                if (text is null)
                    continue;
                first ??= text;
                if (letterToKey.TryGetValue(letter, out var key))
                    cells[key] = value is string ? text : value;
            }
            if (first is null)
                continue;
            if (IsTotal(first))
            {
                Skipped.Add(number);
                continue;
            }
            yield return new ImportRow(number, cells);
        }
    }

    public void Dispose() => rows.Dispose();

    /// 合计, 合计（3 条）, 总计: a totals row of the ledger export or of a coordinator's sheet.
    public static bool IsTotal(string firstCell)
    {
        var text = Normalise(firstCell);
        return TotalWords.Any(w => text.StartsWith(w, StringComparison.Ordinal));
    }

    /// Headings compare without spaces, line breaks, case or full-width forms: "派驻 单位" and "派驻单位" are one.
    public static string Normalise(string heading)
    {
        var sb = new StringBuilder(heading.Length);
        foreach (var ch in heading.Normalize(NormalizationForm.FormKC))
        {
            if (!char.IsWhiteSpace(ch) && ch != '*')
                sb.Append(char.ToLowerInvariant(ch));
        }
        return sb.ToString();
    }
}
