using System.Globalization;

namespace Bangfu.Features.Referrals;

/// Instants shown in the server's local time (the hospitals' time), to the minute.
public static class Times
{
    public static string Show(DateTimeOffset? at) =>
        at is { } t ? TimeZoneInfo.ConvertTime(t, TimeZoneInfo.Local).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "";

    /// For an `<input type="datetime-local">`.
    public static string Input(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, TimeZoneInfo.Local).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);

    public static DateTimeOffset? ParseInput(string? text) =>
        DateTime.TryParseExact(text, ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out var d)
            ? new DateTimeOffset(d) : null;
}
