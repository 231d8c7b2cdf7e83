using System.Globalization;
using System.Text;

namespace Bangfu.Features.Files;

/// Turns the name an upload arrives with into one that is safe to store, show and send back in Content-Disposition:
/// the last path part only (a browser on Windows sends <c>..\..\x</c>), no control, bidirectional or zero-width
/// characters (U+202E makes "evil‮fdp.exe" read as "evilexe.pdf"), no characters Windows refuses, no leading dots
/// (hidden files) or trailing dots and spaces, no device names (CON, NUL, COM1…), at most <see cref="MaxLength"/>
/// characters with the extension kept. The result is never empty.
public static class FileNames
{
    public const int MaxLength = 200;

    /// What is left when nothing of the stem survives (e.g. ".pdf" or "\u202E").
    public const string Fallback = "file";

    private const int MaxExtensionLength = 16;

    private static readonly HashSet<string> DeviceNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "CON", "PRN", "AUX", "NUL", "CLOCK$", "CONIN$", "CONOUT$",
        "COM0", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
        "LPT0", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    };

    public static string Neutralise(string? name)
    {
        var text = name ?? "";
        var last = text.LastIndexOfAny(['/', '\\']);
        if (last >= 0)
            text = text[(last + 1)..];

        var kept = new StringBuilder(text.Length);
        // By code point, so that tag characters and other supplementary format characters are seen; an unpaired
        // surrogate comes out as U+FFFD and is dropped (it cannot be encoded in a header).
        foreach (var rune in text.EnumerateRunes())
        {
            // Cc: C0/C1 controls; Cf: bidi overrides and isolates, zero-width space/joiners, BOM, soft hyphen;
            // Zl/Zp: line and paragraph separators.
            if (rune == Rune.ReplacementChar || Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format
                    or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.OtherNotAssigned
                    or UnicodeCategory.PrivateUse or UnicodeCategory.Surrogate)
                continue;
            if (rune.Value is '<' or '>' or ':' or '"' or '|' or '?' or '*')
                kept.Append('_');
            else if (Rune.IsWhiteSpace(rune))
                kept.Append(' ');
            else
                kept.Append(rune.ToString());
        }
        var cleaned = kept.ToString().Normalize(NormalizationForm.FormC).Trim().TrimEnd('.', ' ');

        // ".pdf" is a PDF without a stem, not a hidden file named "pdf".
        var dot = cleaned.LastIndexOf('.');
        var extension = dot >= 0 && cleaned.Length - dot is >= 2 and <= MaxExtensionLength ? cleaned[dot..] : "";
        var stem = (extension.Length > 0 ? cleaned[..dot] : cleaned).TrimStart('.', ' ').TrimEnd('.', ' ');
        if (stem.Length == 0)
            stem = Fallback;
        if (DeviceNames.Contains(stem.Split('.')[0].Trim()))
            stem = "_" + stem;
        if (stem.Length + extension.Length > MaxLength)
            stem = Truncate(stem, MaxLength - extension.Length).TrimEnd('.', ' ');
        return stem + extension;
    }

    /// Cuts at a character boundary: never between the two halves of a surrogate pair.
    private static string Truncate(string text, int length)
    {
        if (text.Length <= length)
            return text;
        if (char.IsHighSurrogate(text[length - 1]))
            length--;
        return text[..length];
    }
}
