using System.Globalization;
using System.Text.RegularExpressions;

namespace Bangfu.Features.Import;

/// Reads cell values the way coordinators' sheets hold them: dates as Excel dates or as text (2018.6.21,
/// 2018年6月21日, 2018/6/21, 2018-06-21), months (2018年6月, 2018.6, 2018-06), counts with 余/多/约/+ (the number is
/// kept and flagged approximate).
public static partial class ImportValues
{
    public static string? Text(object? cell)
    {
        var text = cell switch
        {
            null => null,
            DateTime d => d.ToString(d.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
            double n => n.ToString(CultureInfo.InvariantCulture),
            _ => Convert.ToString(cell, CultureInfo.InvariantCulture),
        };
        if (text is null)
            return null;
        // Control characters never reach a record (a sheet may hold them); runs of white space become one space.
        text = Spaces().Replace(Controls().Replace(text, " "), " ").Trim();
        // The ledger export writes text that a spreadsheet would run as '=…; read it back as it was typed.
        if (text.Length > 1 && text[0] == '\'' && Common.SpreadsheetText.WouldRun(text[1..]))
            text = text[1..];
        return text.Length == 0 ? null : text;
    }

    /// A whole day: an Excel date, an Excel serial number, or text in one of the usual forms.
    public static bool TryDate(object? cell, out DateOnly date)
    {
        date = default;
        switch (cell)
        {
            case DateTime d:
                date = DateOnly.FromDateTime(d);
                return true;
            case double serial when serial is >= 1 and < 2958466:
                date = DateOnly.FromDateTime(DateTime.FromOADate(serial));
                return true;
        }
        var text = Text(cell);
        if (text is null)
            return false;
        var m = DayPattern().Match(text);
        return m.Success && TryMake(m.Groups["y"].Value, m.Groups["m"].Value, m.Groups["d"].Value, out date);
    }

    /// A month without a day (2018年6月, 2018.6, 2018-06): answers its first day.
    public static bool TryMonth(object? cell, out DateOnly month)
    {
        month = default;
        var text = cell is DateTime or double ? null : Text(cell);
        if (text is null)
            return false;
        var m = MonthPattern().Match(text);
        return m.Success && TryMake(m.Groups["y"].Value, m.Groups["m"].Value, "1", out month);
    }

    /// A whole count: 12, 12.0, "12", "20余", "20多", "约20", "20+", "２０" (full-width digits). Approximate when the
    /// text said so.
    public static bool TryCount(object? cell, out int count, out bool approximate)
    {
        count = 0;
        approximate = false;
        if (cell is double n)
        {
            if (n < 0 || n > int.MaxValue || n != Math.Floor(n))
                return false;
            count = (int)n;
            return true;
        }
        var text = Text(cell);
        if (text is null)
            return false;
        text = text.Normalize(System.Text.NormalizationForm.FormKC).Replace(",", "", StringComparison.Ordinal);
        var m = CountPattern().Match(text);
        if (!m.Success || !int.TryParse(m.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out count))
            return false;
        approximate = m.Groups["pre"].Success || m.Groups["post"].Success;
        return true;
    }

    private static bool TryMake(string y, string m, string d, out DateOnly date)
    {
        date = default;
        var (year, month, day) = (int.Parse(y, CultureInfo.InvariantCulture), int.Parse(m, CultureInfo.InvariantCulture), int.Parse(d, CultureInfo.InvariantCulture));
        if (year is < 1900 or > 9999 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
            return false;
        date = new DateOnly(year, month, day);
        return true;
    }

    [GeneratedRegex(@"^(?<y>\d{4})\s*[年./\-]\s*(?<m>\d{1,2})\s*[月./\-]\s*(?<d>\d{1,2})\s*日?(\s+\d{1,2}:\d{2}(:\d{2})?)?$")]
    private static partial Regex DayPattern();

    [GeneratedRegex(@"^(?<y>\d{4})\s*[年./\-]\s*(?<m>\d{1,2})\s*月?(份)?$")]
    private static partial Regex MonthPattern();

    [GeneratedRegex(@"^(?<pre>约|大约|近)?\s*(?<n>\d{1,9})(\.0+)?\s*(?<post>余|多|\+|左右)?\s*[台例次人场]*$")]
    private static partial Regex CountPattern();

    [GeneratedRegex(@"[\p{Cc}\p{Cf}]")]
    private static partial Regex Controls();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
