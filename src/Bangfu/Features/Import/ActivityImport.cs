using System.Globalization;
using Bangfu.Common;
using Bangfu.Features.Activities;
using Microsoft.Extensions.Localization;

namespace Bangfu.Features.Import;

/// What a row says about one column: an error refuses the commit, a warning is shown and kept.
public sealed record ImportIssue(string Column, string MessageKey, object[] Args, bool IsError = true);

/// The hospitals, people and departments a partnership's rows may name, loaded once per import.
public sealed record ImportParty(int Id, string Name, string? ShortName);

public sealed record ImportPerson(int Id, string Name, int OrganizationId);

public sealed record ImportDepartment(int Id, string Name, int OrganizationId);

public sealed record ActivityImportContext(int PartnershipId, IReadOnlyList<ImportParty> Parties, IReadOnlyList<ImportPerson> People,
    IReadOnlyList<ImportDepartment> Departments, IReadOnlySet<DateOnly> ClosedMonths, string EntryKeyPrefix);

/// A row read: its number, the request it makes (null when it has errors of its own), the stored row it corrects
/// (系统编号), and what it said.
public sealed record ActivityImportRow(int Row, SaveActivityRequest? Request, long? ExistingId, List<ImportIssue> Issues, IReadOnlyDictionary<string, string?> Shown);

/// The activity ledger's columns (those of the ledger export, so that an export edited in Excel comes back) and how
/// a row becomes an activity: names resolved to ids among the partnership's parties, kinds and units by their Chinese
/// or English names (and the words coordinators use), 线上/线下, 月度合计 rows, counts with 余/多.
public sealed class ActivityImport
{
    public const string Date = "日期", Expert = "专家", Host = "派驻单位", Department = "科室", Kind = "类别", Subject = "项目/术式",
        Quantity = "数量", Unit = "单位", Attendees = "参加人次", Online = "线上/线下", Note = "备注", Attachments = "附件数", SystemId = "系统编号";

    /// The note suffix that says a figure was approximate in the sheet it came from (written by the export too).
    public const string ApproximateMark = "（约数）";

    private readonly ActivityWords words;
    private readonly string monthlyWord;

    public ActivityImport(IStringLocalizer<SharedResource> text, ActivityWords words)
    {
        this.words = words;
        monthlyWord = Bilingual.Both(text, "Ledgers.MonthlyTotal")[0];
        Columns =
        [
            Column(text, Date, "Ledgers.Col.Date", "时间", "工作日期", "开展日期", "月份", "日期/月份"),
            Column(text, Expert, "Ledgers.Col.Expert", "专家姓名", "姓名", "派驻专家", "帮扶专家"),
            Column(text, Host, "Ledgers.Col.HostOrganization", "受援单位", "受援医院", "帮扶医院", "医院", "单位名称", "开展单位"),
            Column(text, Department, "Ledgers.Col.Department", "受援科室", "帮扶科室"),
            Column(text, Kind, "Ledgers.Col.Kind", "工作类别", "帮扶类别", "类型", "工作内容", "帮扶内容"),
            Column(text, Subject, "Ledgers.Col.Subject", "术式", "手术名称", "项目", "讲座题目", "题目", "主题"),
            Column(text, Quantity, "Ledgers.Col.Quantity", "例数", "台数", "次数", "人次", "工作量"),
            Column(text, Unit, "Ledgers.Col.Unit", "计量单位"),
            Column(text, Attendees, "Ledgers.Col.Attendees", "参加人数", "培训人次", "受益人次", "听课人数", "参与人次"),
            Column(text, Online, "Ledgers.Col.Online", "形式", "方式", "线上线下"),
            Column(text, Note, "Ledgers.Col.Note", "说明"),
            Column(text, Attachments, "Ledgers.Col.Attachments"),
            Column(text, SystemId, "Ledgers.Col.SystemId", "编号", "id"),
        ];
    }

    public IReadOnlyList<ImportColumn> Columns { get; }

    /// Reads one row into a request, or into the issues that keep it from being one.
    public ActivityImportRow Read(ImportRow row, ActivityImportContext context)
    {
        var issues = new List<ImportIssue>();
        var shown = Columns.Where(c => c.Key != Attachments).ToDictionary(c => c.Key, c => ImportValues.Text(row[c.Key]));

        void Error(string column, string key, params object[] args) => issues.Add(new ImportIssue(column, key, args));
        void Warn(string column, string key, params object[] args) => issues.Add(new ImportIssue(column, key, args, IsError: false));

        long? existing = null;
        if (shown[SystemId] is { } idText)
        {
            if (long.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0)
                existing = id;
            else
                Error(SystemId, "Import.BadSystemId", idText);
        }

        // 备注: "月度合计 …" marks a monthly total (as the export writes it), "（约数）" an approximate figure.
        var note = shown[Note];
        var monthly = false;
        var approximate = false;
        if (note is not null && note.StartsWith(monthlyWord, StringComparison.Ordinal))
        {
            monthly = true;
            note = note[monthlyWord.Length..].Trim();
        }
        if (note is not null && note.EndsWith(ApproximateMark, StringComparison.Ordinal))
        {
            approximate = true;
            note = note[..^ApproximateMark.Length].Trim();
        }
        note = string.IsNullOrEmpty(note) ? null : note;

        DateOnly? date = null;
        if (ImportValues.TryDate(row[Date], out var day))
            date = day;
        else if (ImportValues.TryMonth(row[Date], out var month))
        {
            date = month;
            monthly = true;
        }
        else if (shown[Date] is { } dateText)
            Error(Date, "Import.BadDate", dateText);
        else
            Error(Date, "Error.Required");
        if (date is { } d && context.ClosedMonths.Contains(new DateOnly(d.Year, d.Month, 1)))
            Error(Date, "Error.MonthClosed", d.ToString("yyyy-MM", CultureInfo.InvariantCulture));

        ImportParty? host = null;
        if (shown[Host] is not { } hostText)
            Error(Host, "Error.Required");
        else if (context.Parties.Where(p => p.Name == hostText || p.ShortName == hostText).ToList() is [var one])
            host = one;
        else
            Error(Host, "Import.UnknownHost", hostText);

        int? departmentId = null;
        if (shown[Department] is { } deptText && host is not null)
        {
            if (context.Departments.FirstOrDefault(x => x.OrganizationId == host.Id && x.Name == deptText) is { } dept)
                departmentId = dept.Id;
            else
                Error(Department, "Import.UnknownDepartment", deptText, host.Name);
        }

        int? expertId = null;
        if (shown[Expert] is { } name)
        {
            var people = context.People.Where(p => p.Name == name).ToList();
            if (people.Count == 1)
                expertId = people[0].Id;
            else if (people.Count == 0)
                Error(Expert, "Import.UnknownPerson", name);
            else
                Error(Expert, "Import.AmbiguousPerson", name, people.Count);
        }

        ActivityKind? kind = null;
        if (shown[Kind] is not { } kindText)
            Error(Kind, "Error.Required");
        else if (words.Kind(kindText) is { } k)
            kind = k;
        else
            Error(Kind, "Import.UnknownKind", kindText);

        ActivityUnit? unit = null;
        if (shown[Unit] is { } unitText)
        {
            if (words.Unit(unitText) is { } u)
                unit = u;
            else
                Error(Unit, "Import.UnknownUnit", unitText);
        }
        else if (kind is { } known)
            unit = ActivityKinds.All[known].Units[0];

        int? quantity = null;
        if (shown[Quantity] is not { } quantityText)
            Error(Quantity, "Error.Required");
        else if (ImportValues.TryCount(row[Quantity], out var q, out var about))
        {
            quantity = q;
            if (about)
            {
                approximate = true;
                Warn(Quantity, "Import.Approximate", quantityText, q);
            }
        }
        else
            Error(Quantity, "Import.BadCount", quantityText);

        int? attendees = null;
        if (shown[Attendees] is { } attendeesText)
        {
            if (ImportValues.TryCount(row[Attendees], out var a, out var about))
            {
                attendees = a;
                if (about)
                    Warn(Attendees, "Import.Approximate", attendeesText, a);
            }
            else
                Error(Attendees, "Import.BadCount", attendeesText);
        }

        var online = false;
        if (shown[Online] is { } onlineText)
        {
            if (ActivityWords.Online(onlineText) is { } said)
                online = said;
            else
                Error(Online, "Import.BadOnline", onlineText);
        }

        if (issues.Any(i => i.IsError))
            return new ActivityImportRow(row.Number, null, existing, issues, shown);
        var request = new SaveActivityRequest(context.PartnershipId, host!.Id, departmentId, null, expertId, kind, date, quantity, unit, attendees,
            online, monthly, shown[Subject], note, EntryKey: existing is null ? $"{context.EntryKeyPrefix}-{row.Number}" : null, IsApproximate: approximate);
        return new ActivityImportRow(row.Number, request, existing, issues, shown);
    }

    /// Whether a stored row already says what the request says (an exported row brought back unchanged).
    public static bool Same(Activity a, SaveActivityRequest r) =>
        a.HostOrganizationId == r.HostOrganizationId && a.HostDepartmentId == r.HostDepartmentId && a.ExpertId == r.ExpertId
        && a.Kind == r.Kind && a.IsMonthlyTotal == r.IsMonthlyTotal
        && a.Date == (r.IsMonthlyTotal ? new DateOnly(r.Date!.Value.Year, r.Date.Value.Month, 1) : r.Date)
        && a.Quantity == r.Quantity && a.Unit == r.Unit && a.Attendees == (r.Attendees ?? 0) && a.IsOnline == r.IsOnline
        && a.Subject == r.Subject && a.Note == r.Note && a.IsApproximate == r.IsApproximate;

    /// The sheet column a write-path field error belongs to (items[3].quantity → 数量).
    public static string ColumnOf(string field) => field.Split('.')[^1] switch
    {
        "date" or "dispatchId" => Date,
        "expertId" => Expert,
        "hostOrganizationId" => Host,
        "hostDepartmentId" => Department,
        "kind" => Kind,
        "subject" => Subject,
        "quantity" => Quantity,
        "unit" => Unit,
        "attendees" => Attendees,
        "note" => Note,
        "id" or "version" => SystemId,
        _ => Date,
    };

    /// The column a plausibility warning is about (ADR 0020's checks).
    public static string ColumnOfWarning(string key) => key switch
    {
        "Plausibility.PerExpertDay" or "Plausibility.PerHostMonth" => Quantity,
        "Plausibility.StationedElsewhere" => Host,
        _ => Date,
    };

    private static ImportColumn Column(IStringLocalizer<SharedResource> text, string key, string labelKey, params string[] aliases) =>
        new(key, [key, .. Bilingual.Both(text, labelKey), .. aliases]);
}
