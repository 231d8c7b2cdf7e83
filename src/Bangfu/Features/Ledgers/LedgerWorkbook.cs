using Bangfu.Common;
using Bangfu.Features.Activities;
using Microsoft.Extensions.Localization;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;

namespace Bangfu.Features.Ledgers;

/// One sheet: its name, its column headings in order, and its rows (the totals row last), produced lazily.
public sealed record LedgerSheet(string Name, IReadOnlyList<string> Columns, IReadOnlyList<string> DateColumns, IEnumerable<IDictionary<string, object?>> Rows)
{
    /// Columns that hold names of organizations or free text get room; the rest are short.
    public IReadOnlyList<string> WideColumns { get; init; } = [];
}

/// Turns ledger rows into sheets with the caller's-language headings and labels (Chinese by default) and writes them.
public sealed class LedgerWorkbook(IStringLocalizer<SharedResource> text)
{
    private string L(string key) => text[key];

    private string L(string key, params object[] args) => text[key, args];

    public LedgerSheet DispatchSheet(IEnumerable<DispatchLedgerRow> rows, int count, long days)
    {
        string[] cols = [L("Ledgers.Col.Batch"), L("Ledgers.Col.Name"), L("Ledgers.Col.Title"), L("Ledgers.Col.SendingOrganization"),
            L("Ledgers.Col.HostOrganization"), L("Ledgers.Col.Department"), L("Ledgers.Col.Mode"), L("Ledgers.Col.Role"),
            L("Ledgers.Col.StartDate"), L("Ledgers.Col.EndDate"), L("Ledgers.Col.Days"), L("Ledgers.Col.Status"), L("Ledgers.Col.Attachments")];
        var body = rows.Select(r => Row(cols,
            r.Batch is { } b ? L("Ledgers.BatchN", b) : null, r.ExpertName, r.ExpertTitle ?? L($"TitleLevel.{r.ExpertTitleLevel}"), r.SendingOrganization,
            r.HostOrganization, r.HostDepartment, L($"DispatchMode.{r.Mode}"), L($"DispatchRole.{r.Role}"),
            AsDate(r.StartDate), AsDate(r.EndDate), r.DaysInPeriod, L($"DispatchStatus.{r.Status}"), r.Attachments));
        var total = Row(cols, Total(count), null, null, null, null, null, null, null, null, null, days, null, null);
        return new LedgerSheet(L("Ledgers.Sheet.Dispatch"), cols, [cols[8], cols[9]], body.Append(total)) { WideColumns = [cols[3], cols[4]] };
    }

    public LedgerSheet ActivitySheet(IEnumerable<ActivityLedgerRow> rows, int count, long quantity, long attendees)
    {
        string[] cols = [L("Ledgers.Col.Date"), L("Ledgers.Col.Expert"), L("Ledgers.Col.HostOrganization"), L("Ledgers.Col.Department"),
            L("Ledgers.Col.Kind"), L("Ledgers.Col.Subject"), L("Ledgers.Col.Quantity"), L("Ledgers.Col.Unit"), L("Ledgers.Col.Attendees"),
            L("Ledgers.Col.Online"), L("Ledgers.Col.Note"), L("Ledgers.Col.Attachments"), L("Ledgers.Col.SystemId")];
        var kinds = Labels<ActivityKind>("ActivityKind");
        var units = Labels<ActivityUnit>("ActivityUnit");
        var (online, onsite, monthly) = (L("Ledgers.Online"), L("Ledgers.Onsite"), L("Ledgers.MonthlyTotal"));
        var body = rows.Select(r => Row(cols,
            AsDate(r.Date), r.ExpertName, r.HostOrganization, r.HostDepartment, kinds[r.Kind], r.Subject, r.Quantity, units[r.Unit],
            r.Attendees, r.IsOnline ? online : onsite, ActivityNote(r, monthly), r.Attachments, r.Id));
        var total = Row(cols, Total(count), null, null, null, null, null, quantity, null, attendees, null, null, null, null);
        return new LedgerSheet(L("Ledgers.Sheet.Activity"), cols, [cols[0]], body.Append(total)) { WideColumns = [cols[2], cols[5], cols[10]] };
    }

    /// 备注 as the import reads it back: "月度合计 …" for a monthly total, "…（约数）" for an approximate figure.
    private static string? ActivityNote(ActivityLedgerRow r, string monthly)
    {
        var note = r.IsMonthlyTotal ? (r.Note is null ? monthly : $"{monthly} {r.Note}") : r.Note;
        return r.IsApproximate ? $"{note}{Import.ActivityImport.ApproximateMark}" : note;
    }

    public LedgerSheet TechniqueSheet(IEnumerable<TechniqueLedgerRow> rows, int count, long timesPerformed)
    {
        string[] cols = [L("Ledgers.Col.TechniqueName"), L("Ledgers.Col.HostOrganization"), L("Ledgers.Col.Department"), L("Ledgers.Col.SurgicalGrade"),
            L("Ledgers.Col.FirstPerformedOn"), L("Ledgers.Col.IntroducedBy"), L("Ledgers.Col.GapLevel"), L("Ledgers.Col.TimesPerformed"), L("Ledgers.Col.Attachments")];
        var body = rows.Select(r => Row(cols,
            r.Name, r.HostOrganization, r.Department, r.SurgicalGrade is { } g ? L($"Tech.Grade{g}") : null, AsDate(r.FirstPerformedOn),
            r.IntroducedBy, L($"GapLevel.{r.GapLevel}"), r.TimesPerformed, r.Attachments));
        var total = Row(cols, Total(count), null, null, null, null, null, null, timesPerformed, null);
        return new LedgerSheet(L("Ledgers.Sheet.Technique"), cols, [cols[4]], body.Append(total)) { WideColumns = [cols[0], cols[1]] };
    }

    public LedgerSheet TraineeSheet(IEnumerable<TraineeLedgerRow> rows, int count)
    {
        string[] cols = [L("Ledgers.Col.Name"), L("Ledgers.Col.Kind"), L("Ledgers.Col.SendingOrganization"), L("Ledgers.Col.ReceivingOrganization"),
            L("Ledgers.Col.Mentor"), L("Ledgers.Col.Start"), L("Ledgers.Col.End"), L("Ledgers.Col.Housing"), L("Ledgers.Col.Subsidy"),
            L("Ledgers.Col.Outcome"), L("Ledgers.Col.AfterReturn"), L("Ledgers.Col.Attachments")];
        var (yes, no) = (L("Ledgers.Yes"), L("Ledgers.No"));
        var body = rows.Select(r => Row(cols,
            r.Name, L($"TraineeKind.{r.Kind}"), r.SendingOrganization,
            r.HostDepartment is null ? r.HostOrganization : $"{r.HostOrganization} / {r.HostDepartment}",
            r.MentorName is null ? null : r.MentorTitle is null ? r.MentorName : $"{r.MentorName}（{r.MentorTitle}）",
            AsDate(r.StartDate), AsDate(r.EndDate), r.IsHousingProvided ? yes : no, r.MonthlySubsidyYuan,
            r.AssessmentNote is null ? L($"TraineeOutcome.{r.Outcome}") : $"{L($"TraineeOutcome.{r.Outcome}")}：{r.AssessmentNote}",
            r.TeachesAfterReturn, r.Attachments));
        var total = Row(cols, Total(count), null, null, null, null, null, null, null, null, null, null, null);
        return new LedgerSheet(L("Ledgers.Sheet.Trainee"), cols, [cols[5], cols[6]], body.Append(total)) { WideColumns = [cols[2], cols[3], cols[9], cols[10]] };
    }

    public LedgerSheet IndicatorSheet(IEnumerable<IndicatorLedgerRow> rows, int count, int? cappedAt)
    {
        string[] cols = [L("Ledgers.Col.Organization"), L("Ledgers.Col.Indicator"), L("Ledgers.Col.Period"), L("Ledgers.Col.Value"),
            L("Ledgers.Col.IndicatorUnit"), L("Ledgers.Col.Source"), L("Ledgers.Col.Approval")];
        var english = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
        var sources = Labels<Indicators.ValueSource>("Ledgers.Source");
        var states = Enum.GetValues<Indicators.ApprovalState>().ToDictionary(s => s, s => L($"Indicators.State{s}"));
        var body = rows.Select(r => Row(cols,
            r.Organization, english ? r.NameEn : r.NameZh, new Indicators.Period(r.PeriodType, r.PeriodStart).ToString(),
            Indicators.IndicatorService.Normalize(r.Value), r.Unit, sources[r.Source], states[r.State]));
        IEnumerable<Dictionary<string, object?>> tail = [Row(cols, Total(count), null, null, null, null, null, null)];
        if (cappedAt is { } cap)
            tail = tail.Append(Row(cols, L("Ledgers.IndicatorCapped", cap), null, null, null, null, null, null));
        return new LedgerSheet(L("Ledgers.Sheet.Indicator"), cols, [], body.Concat(tail)) { WideColumns = [cols[0], cols[1]] };
    }

    public LedgerSheet SummarySheet(IReadOnlyList<SummaryLedgerRow> rows, long quantity, long attendees, int entries, DateOnly from, DateOnly to, bool byWholeMonths)
    {
        string[] cols = [L("Ledgers.Col.Kind"), L("Ledgers.Col.Unit"), L("Ledgers.Col.Quantity"), L("Ledgers.Col.Attendees"), L("Ledgers.Col.Entries")];
        var kinds = Labels<ActivityKind>("ActivityKind");
        var units = Labels<ActivityUnit>("ActivityUnit");
        var body = rows.Select(r => Row(cols,
            kinds[r.Kind], string.Join('/', ActivityKinds.All[r.Kind].Units.Select(u => units[u])), r.Quantity, r.Attendees, r.Entries)).ToList();
        body.Add(Row(cols, L("Ledgers.Total"), null, quantity, attendees, entries));
        // The rollup has month granularity: say which months were counted.
        if (byWholeMonths)
            body.Add(Row(cols, L("Ledgers.WholeMonths", $"{from:yyyy-MM}", $"{to:yyyy-MM}"), null, null, null, null));
        return new LedgerSheet(L("Ledgers.Sheet.Summary"), cols, [], body) { WideColumns = [cols[0]] };
    }

    public static async Task WriteAsync(Stream output, IReadOnlyList<LedgerSheet> sheets, CancellationToken ct)
    {
        var values = new Dictionary<string, object>();
        // Names, subjects and notes are typed by users: none of them may reach a spreadsheet as a formula.
        foreach (var sheet in sheets)
            values[sheet.Name] = sheet.Rows.Select(r => r.ToDictionary(c => c.Key, c => SpreadsheetText.Cell(c.Value)));
        var dateColumns = sheets.SelectMany(s => s.DateColumns).ToHashSet();
        var wideColumns = sheets.SelectMany(s => s.WideColumns).ToHashSet();
        var config = new OpenXmlConfiguration
        {
            // Widths are set by hand: measuring them would mean holding every row.
            EnableAutoWidth = false,
            DynamicColumns = sheets.SelectMany(s => s.Columns).Distinct()
                .Select(c => new DynamicExcelColumn(c) { Width = wideColumns.Contains(c) ? 32 : dateColumns.Contains(c) ? 12 : 14, Format = dateColumns.Contains(c) ? "yyyy-MM-dd" : null! })
                .ToArray(),
        };
        await output.SaveAsAsync(values, configuration: config, cancellationToken: ct);
    }

    private Dictionary<TEnum, string> Labels<TEnum>(string prefix) where TEnum : struct, Enum =>
        Enum.GetValues<TEnum>().ToDictionary(v => v, v => L($"{prefix}.{v}"));

    private string Total(int count) => L("Ledgers.TotalRow", count);

    private static DateTime AsDate(DateOnly date) => date.ToDateTime(TimeOnly.MinValue);

    private static Dictionary<string, object?> Row(string[] columns, params object?[] values)
    {
        var row = new Dictionary<string, object?>(columns.Length);
        for (var i = 0; i < columns.Length; i++)
            row[columns[i]] = values[i];
        return row;
    }
}
