using System.Globalization;
using System.Text;
using Bangfu.Common;

namespace Bangfu.Features.TeleTeaching;

/// One participant line of a video tool's export: who, from where, and for how many minutes.
public sealed record AttendanceCsvRow(int Row, string Name, string? Organization, int Minutes);

/// Reads the participant list a video tool exports (腾讯会议, 钉钉, Zoom…): a heading row with 姓名/Name and either
/// 时长/Duration (minutes, or h:mm:ss) or 入会时间/Join time and 离会时间/Leave time; 单位/Organization is optional.
/// UTF-8 with or without a BOM, or GBK. Any malformed line fails the whole file with an error that names its row
/// (as a spreadsheet numbers it, the heading being row 1) and column.
public static class AttendanceCsv
{
    public const int MaxBytes = 2 * 1024 * 1024;
    public const int MaxRows = 5000;

    private static readonly string[] NameHeadings = ["姓名", "name", "参会者", "用户名", "participant", "名称"];
    private static readonly string[] OrganizationHeadings = ["单位", "organization", "机构", "organisation", "医院"];
    private static readonly string[] JoinHeadings = ["入会时间", "jointime", "加入时间", "首次入会时间"];
    private static readonly string[] LeaveHeadings = ["离会时间", "leavetime", "离开时间", "最后离会时间"];
    private static readonly string[] DurationHeadings = ["时长", "duration", "参会时长", "入会时长", "durationminutes", "时长分钟", "参会时长分钟"];

    private static readonly string[] TimeFormats =
    [
        "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy/M/d H:mm:ss", "yyyy/M/d H:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm",
        "HH:mm:ss", "H:mm:ss", "HH:mm", "H:mm",
    ];

    public static IReadOnlyList<AttendanceCsvRow> Parse(byte[] bytes)
    {
        var v = new Validation();
        if (bytes.Length == 0)
            v.Add("file", "Tele.Import.Empty").ThrowIfAny();
        if (bytes.Length > MaxBytes)
            v.Add("file", "Tele.Import.TooLarge", MaxBytes / 1024 / 1024).ThrowIfAny();
        var lines = Records(TextDecoding.Decode(bytes), v);
        v.ThrowIfAny();
        var rows = lines.Where(l => l.Cells.Any(c => c.Length > 0)).ToList();
        if (rows.Count == 0)
            v.Add("file", "Tele.Import.Empty").ThrowIfAny();
        var heading = rows[0].Cells.Select(Normalize).ToList();
        var name = Find(heading, NameHeadings);
        var org = Find(heading, OrganizationHeadings);
        var join = Find(heading, JoinHeadings);
        var leave = Find(heading, LeaveHeadings);
        var duration = Find(heading, DurationHeadings);
        if (name < 0)
            v.Add("file", "Tele.Import.NoNameColumn");
        if (duration < 0 && (join < 0 || leave < 0))
            v.Add("file", "Tele.Import.NoDurationColumn");
        v.ThrowIfAny();
        if (rows.Count - 1 > MaxRows)
            v.Add("file", "Tele.Import.TooManyRows", MaxRows).ThrowIfAny();

        var headingCells = rows[0].Cells;
        var result = new List<AttendanceCsvRow>();
        foreach (var line in rows.Skip(1))
        {
            var field = $"row{line.Number}";
            string Cell(int i) => i >= 0 && i < line.Cells.Count ? line.Cells[i].Trim() : "";
            if (line.Cells.Count > headingCells.Count)
            {
                v.Add(field, "Tele.Import.TooManyCells", headingCells.Count);
                continue;
            }
            var person = Cell(name);
            if (person.Length == 0)
                v.Add($"{field}.{headingCells[name].Trim()}", "Error.Required");
            else if (person.Length > 40)
                v.Add($"{field}.{headingCells[name].Trim()}", "Error.TooLong", 40);
            int? minutes = null;
            if (duration >= 0 && Cell(duration).Length > 0)
            {
                minutes = Minutes(Cell(duration));
                if (minutes is null)
                    v.Add($"{field}.{headingCells[duration].Trim()}", "Tele.Import.BadDuration");
            }
            else if (join >= 0 && leave >= 0)
            {
                var from = Time(Cell(join));
                var to = Time(Cell(leave));
                if (from is null)
                    v.Add($"{field}.{headingCells[join].Trim()}", "Tele.Import.BadTime");
                if (to is null)
                    v.Add($"{field}.{headingCells[leave].Trim()}", "Tele.Import.BadTime");
                if (from is { } f && to is { } t)
                {
                    var span = (int)Math.Floor((t - f).TotalMinutes);
                    if (span < 0)
                        v.Add($"{field}.{headingCells[leave].Trim()}", "Tele.Import.LeaveBeforeJoin");
                    else
                        minutes = span;
                }
            }
            else
            {
                v.Add($"{field}.{headingCells[duration].Trim()}", "Error.Required");
            }
            if (minutes is > 1440)
                v.Add($"{field}.{headingCells[duration >= 0 ? duration : leave].Trim()}", "Error.Range", 0, 1440);
            if (person.Length is > 0 and <= 40 && minutes is { } m and <= 1440)
                result.Add(new AttendanceCsvRow(line.Number, person, org >= 0 && Cell(org).Length > 0 ? Cell(org) : null, m));
        }
        v.ThrowIfAny();
        return result;
    }

    private sealed record Line(int Number, List<string> Cells);

    /// RFC 4180: commas (or tabs, when the heading has no comma), quotes doubled inside quoted cells, CRLF or LF.
    private static List<Line> Records(string text, Validation v)
    {
        var firstLine = text.Split('\n', 2)[0];
        var separator = !firstLine.Contains(',', StringComparison.Ordinal) && firstLine.Contains('\t', StringComparison.Ordinal) ? '\t' : ',';
        var lines = new List<Line>();
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        var number = 1;
        var start = 1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                    quoted = false;
                else
                {
                    if (c == '\n')
                        number++;
                    cell.Append(c);
                }
                continue;
            }
            if (c == '"' && cell.ToString().Trim().Length == 0)
            {
                cell.Clear();
                quoted = true;
            }
            else if (c == separator)
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else if (c == '\n' || c == '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                    i++;
                cells.Add(cell.ToString());
                cell.Clear();
                lines.Add(new Line(start, cells));
                cells = [];
                number++;
                start = number;
            }
            else
                cell.Append(c);
        }
        if (quoted)
        {
            v.Add($"row{start}", "Tele.Import.UnclosedQuote");
            return lines;
        }
        if (cell.Length > 0 || cells.Count > 0)
        {
            cells.Add(cell.ToString());
            lines.Add(new Line(start, cells));
        }
        return lines;
    }

    /// Headings compared without case, spaces, and a unit in brackets: "Duration (minutes)" → "durationminutes", "时长（分钟）" → "时长分钟".
    private static string Normalize(string heading) =>
        new(heading.Trim().TrimStart('\uFEFF').ToLowerInvariant()
            .Where(c => !char.IsWhiteSpace(c) && c is not ('(' or ')' or '（' or '）' or '_' or '-' or '/')).ToArray());

    private static int Find(List<string> heading, string[] names)
    {
        for (var i = 0; i < heading.Count; i++)
        {
            if (names.Contains(heading[i]))
                return i;
        }
        // "时长(分钟)", "Duration (min)": a heading that starts with a known name and says no more than its unit.
        for (var i = 0; i < heading.Count; i++)
        {
            if (names.Any(n => heading[i].StartsWith(n, StringComparison.Ordinal) && heading[i].Length - n.Length <= 7))
                return i;
        }
        return -1;
    }

    /// Minutes as a number ("45", "44.5") or a clock span ("0:45:10", "45:10" is minutes and seconds).
    private static int? Minutes(string text)
    {
        if (decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            return number > 100_000 ? null : (int)Math.Floor(number);
        var parts = text.Split(':');
        if (parts.Length is 2 or 3 && parts.All(p => p.Length is > 0 and <= 4 && p.All(char.IsAsciiDigit)))
        {
            var values = parts.Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
            return parts.Length == 3 ? values[0] * 60 + values[1] : values[0];
        }
        return null;
    }

    private static DateTime? Time(string text) =>
        DateTime.TryParseExact(text, TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t : null;
}
