namespace Bangfu.Common;

/// Text that a spreadsheet must show, never run. A cell that starts with = + - @ (or their full-width forms, which an
/// IME types and Excel accepts as formula starts, or a tab or line break before them) is evaluated when a user opens
/// or edits it: "=HYPERLINK(...)" in a person's name becomes a link that leaks the sheet, "=cmd|..." a DDE call.
/// Such text gets a leading apostrophe, the OWASP rule for CSV and XLSX alike: it is shown, edited and re-saved as
/// text by Excel, WPS and LibreOffice. Every workbook and CSV writer passes its cells through <see cref="Cell"/>.
public static class SpreadsheetText
{
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r', '\n', '＝', '＋', '－', '＠'];

    public static bool WouldRun(string text)
    {
        var start = text.AsSpan().TrimStart(' ');
        return start.Length > 0 && FormulaStarts.Contains(start[0]);
    }

    public static string Inert(string text) => WouldRun(text) ? "'" + text : text;

    /// Numbers, dates and empty cells pass unchanged; only text can carry a formula.
    public static object? Cell(object? value) => value is string s ? Inert(s) : value;
}
