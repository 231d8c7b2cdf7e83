namespace Bangfu.Common;

/// What text may be stored: the single rule for the central check and for request checks that come earlier.
public static class StoredText
{
    public const string ControlCharactersKey = "Error.ControlCharacters";

    /// Null when the text may be stored; otherwise the message key. Free text may hold tab, line feed and carriage
    /// return; one-line text may not, nor the marks that reorder or hide characters (bidi overrides, zero-width).
    /// An unpaired surrogate and the non-characters U+FFFE/U+FFFF cannot be written as UTF-8 or XML either.
    public static string? Problem(string text, bool isFreeText)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }
            if (c is '\t' or '\n' or '\r' ? !isFreeText : IsRefused(c, isFreeText))
                return ControlCharactersKey;
        }
        return null;
    }

    private static bool IsRefused(char c, bool isFreeText) =>
        c is <= '\u001F' or (>= '\u007F' and <= '\u009F') or '\uFFFE' or '\uFFFF'
        || char.IsSurrogate(c)
        || (!isFreeText && c is (>= '\u200B' and <= '\u200F') or (>= '\u2028' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\uFEFF');
}

/// The dates the programme can hold: wide enough for any birth year, agreement or plan, narrow enough that a
/// year's, a quarter's or a span's arithmetic never runs off the calendar.
public static class StoredDates
{
    public const string OutOfRangeKey = "Error.DateOutOfRange";

    public static readonly DateOnly Earliest = new(1900, 1, 1);
    public static readonly DateOnly Latest = new(2100, 12, 31);

    public static readonly object[] RangeArgs = [Earliest.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        Latest.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)];

    public static bool Contains(DateOnly date) => date >= Earliest && date <= Latest;

    public static string? Problem(DateOnly date) => Contains(date) ? null : OutOfRangeKey;
}
