using System.Globalization;
using Bangfu.Common;
using Bangfu.Features.Files;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace Bangfu.Features.Indicators;

/// Figures imported from a workbook: the first sheet, a heading row 指标编码 | 机构 | 期间 | 数值, one figure a row.
/// 机构 is an organization's id, full name or short name. Any bad row fails the whole file; nothing is written.
public sealed partial class IndicatorService
{
    public static readonly string[] ImportColumns = ["指标编码", "机构", "期间", "数值"];
    public const int MaxImportRows = 20_000;

    /// <paramref name="workbook"/> must be seekable (MiniExcel's reader needs it, and so does the ZIP check).
    public async Task<ImportResult> ImportAsync(AccessScope scope, Stream workbook, CancellationToken ct)
    {
        scope.EnsureCanWrite();
        var v = new Validation();
        // A 200 KB workbook can unpack to gigabytes: its directory and sizes are checked before MiniExcel opens it.
        await ZipGuard.CheckAsync(workbook, PackageKind.Xlsx, files.Zip.MaxWorkbookUncompressedBytes, files.Zip, "file", ct);
        List<IDictionary<string, object?>> rows;
        try
        {
            rows = MiniExcel.Query(workbook, useHeaderRow: true, excelType: ExcelType.XLSX)
                .Cast<IDictionary<string, object?>>().Take(MaxImportRows + 1).ToList();
        }
        catch (Exception e) when (e is InvalidDataException or System.Xml.XmlException or IOException or InvalidOperationException or NotSupportedException or ArgumentException)
        {
            v.Add("file", "Indicators.NotAWorkbook").ThrowIfAny();
            throw;
        }
        if (rows.Count == 0)
            v.Add("file", "Indicators.EmptyWorkbook").ThrowIfAny();
        if (rows.Count > MaxImportRows)
            v.Add("file", "Indicators.TooManyRows", MaxImportRows).ThrowIfAny();
        var missing = ImportColumns.Where(c => !rows[0].ContainsKey(c)).ToList();
        if (missing.Count > 0)
            v.Add("file", "Indicators.MissingColumns", string.Join("、", missing)).ThrowIfAny();

        await using var db = dbf.CreateFor(scope);
        var definitions = await db.IndicatorDefinitions.AsNoTracking().ToListAsync(ct);
        var byCode = definitions.ToDictionary(d => d.Code, StringComparer.OrdinalIgnoreCase);
        var orgTexts = rows.Select(r => Text(r, "机构")).Where(t => t is not null).Distinct().ToList();
        var orgIds = orgTexts.Select(t => int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0).Where(id => id > 0).ToList();
        var readable = await ReadableOrganizations(db, scope)
            .Where(o => orgIds.Contains(o.Id) || orgTexts.Contains(o.Name) || (o.ShortName != null && orgTexts.Contains(o.ShortName)))
            .Select(o => new { o.Id, o.Name, o.ShortName }).ToListAsync(ct);

        var entries = new List<Entry>();
        for (var i = 0; i < rows.Count; i++)
        {
            // Row numbers as the user sees them in the sheet: the heading is row 1.
            var field = $"row{i + 2}";
            var row = rows[i];
            var orgText = Text(row, "机构");
            var matches = orgText is null ? [] : readable.Where(o => o.Id.ToString(CultureInfo.InvariantCulture) == orgText || o.Name == orgText || o.ShortName == orgText).ToList();
            if (orgText is null)
                v.Add($"{field}.机构", "Error.Required");
            else if (matches.Count != 1)
                v.Add($"{field}.机构", "Indicators.UnknownOrganization", orgText);
            decimal? value = null;
            var valueText = Text(row, "数值");
            if (valueText is not null)
            {
                if (decimal.TryParse(valueText, NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed))
                    value = parsed;
                else
                    v.Add($"{field}.数值", "Indicators.NotANumber", valueText);
            }
            // Errors name the row and the column of the sheet, e.g. row3.期间.
            var checkedEntry = CheckEntry(v, k => $"{field}.{Column(k)}", new ValueEntry(Text(row, "指标编码"), Text(row, "期间"), value), byCode);
            if (checkedEntry is { } ok && matches.Count == 1)
                entries.Add(new Entry(matches[0].Id, ok.Definition, ok.Period, ok.Value, field));
        }
        CheckDuplicates(v, entries);
        v.ThrowIfAny();
        foreach (var org in entries.Select(e => e.OrganizationId).Distinct())
        {
            var spans = await WriteSpansAsync(db, scope, org, ct);
            if (spans is { Count: 0 })
                throw new AccessDeniedException();
            foreach (var entry in entries.Where(e => e.OrganizationId == org))
                CheckSpans(v, spans, entry, $"{entry.Field}.期间");
        }
        v.ThrowIfAny();
        var warnings = await WriteAsync(db, scope, entries, ValueSource.Imported, definitions, ct);
        return new ImportResult(entries.Count, warnings);
    }

    private static string Column(string field) => field switch { "code" => "指标编码", "period" => "期间", _ => "数值" };

    private static string? Text(IDictionary<string, object?> row, string column)
    {
        if (!row.TryGetValue(column, out var cell) || cell is null)
            return null;
        // A month typed as 2018-03 becomes a date in Excel; read it back as the month.
        var text = cell is DateTime date ? date.ToString("yyyy-MM", CultureInfo.InvariantCulture) : Convert.ToString(cell, CultureInfo.InvariantCulture);
        return string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    }
}
