using System.Globalization;
using System.Text.RegularExpressions;
using Bangfu.Common;

namespace Bangfu.Features.Indicators;

public enum PeriodType
{
    Month,
    Quarter,
    Year,
}

/// A reporting period as DHIS2 names it: "2018", "2018Q1", "2018-03". Stored as its type and first day.
public readonly partial record struct Period(PeriodType Type, DateOnly Start)
{
    public DateOnly End => Start.AddMonths(Months).AddDays(-1);

    public int Months => Type switch { PeriodType.Year => 12, PeriodType.Quarter => 3, _ => 1 };

    public bool Contains(Period inner) => Start <= inner.Start && inner.End <= End;

    public bool Contains(DateOnly day) => Start <= day && day <= End;

    public Period Previous => new(Type, Start.AddMonths(-Months));

    public Period Next => new(Type, Start.AddMonths(Months));

    public static Period Of(PeriodType type, DateOnly day) => type switch
    {
        PeriodType.Year => new(type, new DateOnly(day.Year, 1, 1)),
        PeriodType.Quarter => new(type, new DateOnly(day.Year, ((day.Month - 1) / 3 * 3) + 1, 1)),
        _ => new(type, new DateOnly(day.Year, day.Month, 1)),
    };

    /// The months of this period, in order.
    public IEnumerable<Period> MonthsInside()
    {
        var start = Start;
        return Enumerable.Range(0, Months).Select(i => new Period(PeriodType.Month, start.AddMonths(i)));
    }

    public override string ToString() => Type switch
    {
        PeriodType.Year => Start.Year.ToString(CultureInfo.InvariantCulture),
        PeriodType.Quarter => string.Create(CultureInfo.InvariantCulture, $"{Start.Year}Q{((Start.Month - 1) / 3) + 1}"),
        _ => Start.ToString("yyyy-MM", CultureInfo.InvariantCulture),
    };

    public static bool TryParse(string? text, out Period period)
    {
        period = default;
        var m = Pattern().Match(text?.Trim() ?? "");
        if (!m.Success)
            return false;
        var year = int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture);
        if (year < StoredDates.Earliest.Year || year > StoredDates.Latest.Year)
            return false;
        if (m.Groups["q"].Success)
        {
            var q = int.Parse(m.Groups["q"].Value, CultureInfo.InvariantCulture);
            period = new Period(PeriodType.Quarter, new DateOnly(year, ((q - 1) * 3) + 1, 1));
            return true;
        }
        if (m.Groups["m"].Success)
        {
            var month = int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture);
            if (month is < 1 or > 12)
                return false;
            period = new Period(PeriodType.Month, new DateOnly(year, month, 1));
            return true;
        }
        period = new Period(PeriodType.Year, new DateOnly(year, 1, 1));
        return true;
    }

    [GeneratedRegex(@"^(?<y>\d{4})(?:Q(?<q>[1-4])|-(?<m>\d{2}))?$", RegexOptions.IgnoreCase)]
    private static partial Regex Pattern();
}
