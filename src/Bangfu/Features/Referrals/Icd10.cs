using System.Text.RegularExpressions;

namespace Bangfu.Features.Referrals;

public enum Icd10Kind
{
    Chapter,
    Block,
    Category,
}

public sealed record Icd10Entry(string Code, Icd10Kind Kind, string NameZh, string NameEn);

/// The ICD-10 list shipped with Bangfu (embedded `icd10.tsv`), held in memory: a few hundred rows, searched in
/// microseconds. Codes a diagnosis may carry are the categories, optionally with a subdivision (I21 or I21.0 …).
public sealed partial class Icd10Catalogue
{
    private readonly IReadOnlyList<Icd10Entry> _entries;
    private readonly Dictionary<string, Icd10Entry> _categories;

    public Icd10Catalogue(IEnumerable<Icd10Entry> entries)
    {
        _entries = [.. entries];
        _categories = _entries.Where(e => e.Kind == Icd10Kind.Category).ToDictionary(e => e.Code, StringComparer.OrdinalIgnoreCase);
    }

    public int Count => _entries.Count;

    public IReadOnlyList<Icd10Entry> Entries => _entries;

    public static Icd10Catalogue LoadEmbedded()
    {
        using var stream = typeof(Icd10Catalogue).Assembly.GetManifestResourceStream("Bangfu.icd10.tsv")
            ?? throw new InvalidOperationException("The ICD-10 list is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return new Icd10Catalogue(Parse(reader.ReadToEnd()));
    }

    public static IEnumerable<Icd10Entry> Parse(string tsv)
    {
        foreach (var line in tsv.Split('\n'))
        {
            var text = line.TrimEnd('\r');
            if (text.Length == 0 || text.StartsWith('#'))
                continue;
            var f = text.Split('\t');
            var kind = f[1] switch { "C" => Icd10Kind.Chapter, "B" => Icd10Kind.Block, "K" => Icd10Kind.Category, _ => throw new FormatException(text) };
            yield return new Icd10Entry(f[0], kind, f[2], f[3]);
        }
    }

    /// Code prefix matches first (categories before chapters and blocks), then names containing the text; 20 at most.
    public IReadOnlyList<Icd10Entry> Search(string? q, int take = 20)
    {
        var text = q?.Trim() ?? "";
        if (text.Length == 0)
            return [.. _entries.Where(e => e.Kind == Icd10Kind.Chapter).Take(take)];
        var byCode = _entries.Where(e => e.Code.StartsWith(text, StringComparison.OrdinalIgnoreCase))
            .OrderBy(e => e.Kind == Icd10Kind.Category ? 0 : 1).ThenBy(e => e.Code, StringComparer.Ordinal);
        var byName = _entries.Where(e => !e.Code.StartsWith(text, StringComparison.OrdinalIgnoreCase)
                && (e.NameZh.Contains(text, StringComparison.Ordinal) || e.NameEn.Contains(text, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(e => e.Kind == Icd10Kind.Category ? 0 : 1).ThenBy(e => e.NameZh.Length).ThenBy(e => e.Code, StringComparer.Ordinal);
        return [.. byCode.Concat(byName).Take(take)];
    }

    /// The category a diagnosis code belongs to, or null when the code is not of a known category.
    public Icd10Entry? Find(string? code)
    {
        if (code is null)
            return null;
        var m = DiagnosisCode().Match(code.Trim());
        return m.Success && _categories.TryGetValue(m.Groups["cat"].Value, out var e) ? e : null;
    }

    [GeneratedRegex(@"^(?<cat>[A-Za-z][0-9]{2})(\.[0-9A-Za-z]{1,10})?$")]
    private static partial Regex DiagnosisCode();
}
