using System.Globalization;

namespace Bangfu.Components;

/// Dates as the registry shows them: ISO order reads the same in Chinese and English and sorts by eye.
public static class Dates
{
    public static string Show(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    public static string Range(DateOnly start, DateOnly? end) => $"{Show(start)} – {(end is null ? "…" : Show(end))}";
}
