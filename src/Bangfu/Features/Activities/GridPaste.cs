using Bangfu.Features.Import;

namespace Bangfu.Features.Activities;

/// One kind's cells pasted into the monthly grid. Problems are message keys with their arguments; a row with
/// problems is not applied.
public sealed record PastedRow(int Line, ActivityKind Kind, int? Quantity, ActivityUnit? Unit, int? Attendees, bool? Online, string? Note,
    IReadOnlyList<(string Key, object[] Args)> Problems, IReadOnlyList<(string Key, object[] Args)> Notes);

/// Rows copied from Excel (tab-separated, one line per row) for the monthly grid. A line names its kind in the first
/// cell (手术, 教学查房, 讲座… as <see cref="ActivityWords"/> reads them) followed by the grid's columns, 数量 first;
/// the unit, the attendees, 线上/线下 and the note may follow in any order, each told by its content. A block of
/// exactly as many lines as the grid has rows, without kind names, fills the grid in its order. A heading line and
/// 合计 lines are passed over.
public static class GridPaste
{
    public const int MaxLines = 200;

    public static (IReadOnlyList<PastedRow> Rows, IReadOnlyList<(string Key, object[] Args)> Problems) Parse(string? text, ActivityWords words,
        IReadOnlyList<ActivityKind> order)
    {
        var problems = new List<(string, object[])>();
        var all = (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n')
            .Select((l, i) => (Number: i + 1, Cells: l.Split('\t').Select(c => ImportValues.Text(c.Trim('"'))).ToArray())).ToList();
        static bool Blank((int Number, string?[] Cells) l) => l.Cells.All(c => c is null);
        // Excel ends a copied block with a line break; empty lines inside a column of numbers are rows left blank.
        while (all.Count > 0 && Blank(all[^1]))
            all.RemoveAt(all.Count - 1);
        while (all.Count > 0 && Blank(all[0]))
            all.RemoveAt(0);
        if (all.Count == 0)
        {
            problems.Add(("Grid.PasteEmpty", []));
            return ([], problems);
        }
        if (all.Count > MaxLines)
        {
            problems.Add(("Grid.PasteTooLong", [MaxLines]));
            return ([], problems);
        }
        // A heading line: its first cell is no kind and none of its cells is a number.
        if (all[0].Cells[0] is { } head && words.Kind(head) is null && !all[0].Cells.Any(c => ImportValues.TryCount(c, out _, out _)))
            all.RemoveAt(0);
        all.RemoveAll(l => l.Cells[0] is { } first && ImportSheet.IsTotal(first));
        var named = all.Any(l => l.Cells[0] is { } c && words.Kind(c) is not null);
        var positional = !named && all.Count == order.Count;
        var lines = all.Select((l, i) => (l.Number, l.Cells, Index: i)).Where(l => !Blank((l.Number, l.Cells))).ToList();
        var rows = new List<PastedRow>();
        var seen = new HashSet<ActivityKind>();
        foreach (var (number, cells, index) in lines)
        {
            ActivityKind kind;
            string?[] data;
            if (cells[0] is { } first && words.Kind(first) is { } k)
                (kind, data) = (k, cells[1..]);
            else if (positional)
                (kind, data) = (order[index], cells);
            else
            {
                problems.Add(("Grid.PasteUnknownKind", [number, cells[0] ?? ""]));
                continue;
            }
            if (!seen.Add(kind))
            {
                problems.Add(("Grid.PasteTwice", [number]));
                continue;
            }
            rows.Add(Read(number, kind, data, words));
        }
        return (rows, problems);
    }

    private static PastedRow Read(int line, ActivityKind kind, string?[] data, ActivityWords words)
    {
        var problems = new List<(string, object[])>();
        var notes = new List<(string, object[])>();
        int? quantity = null;
        if (data.Length > 0 && data[0] is { } q)
        {
            if (ImportValues.TryCount(q, out var n, out var about))
            {
                quantity = n;
                if (about)
                    notes.Add(("Import.Approximate", [q, n]));
            }
            else
                problems.Add(("Import.BadCount", [q]));
        }
        ActivityUnit? unit = null;
        int? attendees = null;
        bool? online = null;
        var note = new List<string>();
        foreach (var cell in data.Skip(1).OfType<string>())
        {
            if (unit is null && words.Unit(cell) is { } u)
                unit = u;
            else if (attendees is null && note.Count == 0 && ImportValues.TryCount(cell, out var a, out _))
                attendees = a;
            else if (online is null && ActivityWords.Online(cell) is { } o)
                online = o;
            else
                note.Add(cell);
        }
        var info = ActivityKinds.All[kind];
        if (unit is { } given && !info.Units.Contains(given))
            problems.Add(("Error.UnitNotForKind", []));
        if (attendees > 0 && !info.CountsAttendees)
            problems.Add(("Error.NoAttendeesForKind", []));
        return new PastedRow(line, kind, quantity, unit, attendees, online, note.Count == 0 ? null : string.Join(" ", note), problems, notes);
    }
}
