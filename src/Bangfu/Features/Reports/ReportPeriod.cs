using Bangfu.Common;
using Microsoft.Extensions.Localization;

namespace Bangfu.Features.Reports;

/// Report periods are whole months: the monthly rollup they read from knows nothing finer.
public static class ReportPeriod
{
    public static void Check(Validation v, DateOnly? from, DateOnly? to, int maxMonths)
    {
        // A month's end is found by stepping a day on, which 9999-12-31 cannot take.
        var errors = v.Errors.Count;
        v.Dates(("from", from), ("to", to));
        if (v.Errors.Count > errors)
            return;
        if (from is null)
            v.Add("from", "Error.Required");
        else if (from.Value.Day != 1)
            v.Add("from", "Error.PeriodStartsMonth");
        if (to is null)
            v.Add("to", "Error.Required");
        else if (to.Value.AddDays(1).Day != 1)
            v.Add("to", "Error.PeriodEndsMonth");
        v.DateOrder("to", from, to);
        if (from is { } f && to is { } t && t >= f && (t.Year - f.Year) * 12 + t.Month - f.Month >= maxMonths)
            v.Add("to", "Error.PeriodTooLong", maxMonths);
    }

    /// 2018年 · 2018年上半年 · 2018年第3季度 · 2018年3月 · 2018年1月至2019年6月.
    public static string Describe(IStringLocalizer t, DateOnly from, DateOnly to)
    {
        var months = (to.Year - from.Year) * 12 + to.Month - from.Month + 1;
        if (from.Year == to.Year)
        {
            if (months == 12)
                return t["Period.Year", from.Year];
            if (months == 6 && from.Month is 1 or 7)
                return t[from.Month == 1 ? "Period.FirstHalf" : "Period.SecondHalf", from.Year];
            if (months == 3 && from.Month % 3 == 1)
                return t["Period.Quarter", from.Year, (from.Month + 2) / 3];
            if (months == 1)
                return t["Period.Month", from.Year, from.Month];
        }
        return t["Period.Span", from.Year, from.Month, to.Year, to.Month];
    }
}
