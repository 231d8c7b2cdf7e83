using System.Text.RegularExpressions;
using Bangfu.Common;

namespace Bangfu.Features.Referrals;

public enum Icd10Kind
{
    Chapter,
    Block,
    Category,

    /// A code below the 3-character category from the hospital's own catalogue (国家临床版 or 医保版, e.g. I21.000).
    Detail,
}

public sealed record Icd10Entry(string Code, Icd10Kind Kind, string NameZh, string NameEn);

/// Where the hospital's own, finer catalogue lives (`Bangfu:Icd10:LocalDir`, default `&lt;data&gt;/icd10`).
public sealed class Icd10Options
{
    public string? LocalDir { get; set; }
}

/// What loading the local catalogue files found: loaded codes and the lines skipped, by file.
public sealed record Icd10LocalFile(string Name, int Loaded, int Skipped);

/// The ICD-10 list held in memory: the embedded WHO list (chapters, blocks, every 3-character category, zh and en)
/// and, when present, the detailed codes of the hospital's catalogue files. A few thousand to a few tens of thousands
/// of rows, searched in well under a millisecond; a diagnosis code is valid when its category is known (I21, I21.0,
/// I21.000x001 …).
public sealed partial class Icd10Catalogue
{
    private readonly IReadOnlyList<Icd10Entry> _entries;
    private readonly Dictionary<string, Icd10Entry> _categories;
    private readonly Dictionary<string, Icd10Entry> _details;

    public Icd10Catalogue(IEnumerable<Icd10Entry> entries, IEnumerable<Icd10Entry>? details = null)
    {
        _entries = [.. entries];
        _categories = _entries.Where(e => e.Kind == Icd10Kind.Category).ToDictionary(e => e.Code, StringComparer.OrdinalIgnoreCase);
        _details = new Dictionary<string, Icd10Entry>(StringComparer.OrdinalIgnoreCase);
        foreach (var d in details ?? [])
        {
            if (!_categories.ContainsKey(d.Code[..3]))
                throw new ArgumentException($"{d.Code}: no such ICD-10 category.", nameof(details));
            _details.TryAdd(d.Code, d);
        }
        _entries = [.. _entries, .. _details.Values.OrderBy(d => d.Code, StringComparer.Ordinal)];
    }

    public int Count => _entries.Count;

    public IReadOnlyList<Icd10Entry> Entries => _entries;

    public IReadOnlyList<Icd10LocalFile> LocalFiles { get; private init; } = [];

    public static Icd10Catalogue LoadEmbedded() => new(Embedded());

    /// The embedded list plus every *.csv, *.tsv and *.txt in the local directory (code and name in the first two
    /// columns, comma or tab separated, UTF-8 or GBK, a heading line allowed). Lines whose code is not of a known
    /// category are skipped and counted, not fatal: a national catalogue carries codes of its own (e.g. 医保版 grey codes).
    public static Icd10Catalogue Load(string? localDir)
    {
        var embedded = Embedded().ToList();
        var categories = embedded.Where(e => e.Kind == Icd10Kind.Category).Select(e => e.Code).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var details = new List<Icd10Entry>();
        var files = new List<Icd10LocalFile>();
        if (localDir is { Length: > 0 } && Directory.Exists(localDir))
        {
            foreach (var path in Directory.EnumerateFiles(localDir).Where(IsCatalogueFile).Order(StringComparer.Ordinal))
            {
                var (found, skipped) = ParseLocal(TextDecoding.Decode(File.ReadAllBytes(path)), categories);
                details.AddRange(found);
                files.Add(new Icd10LocalFile(Path.GetFileName(path), found.Count, skipped));
            }
        }
        return new Icd10Catalogue(embedded, details) { LocalFiles = files };
    }

    private static bool IsCatalogueFile(string path) =>
        Path.GetExtension(path).ToLowerInvariant() is ".csv" or ".tsv" or ".txt";

    private static IEnumerable<Icd10Entry> Embedded()
    {
        using var stream = typeof(Icd10Catalogue).Assembly.GetManifestResourceStream("Bangfu.icd10.tsv")
            ?? throw new InvalidOperationException("The ICD-10 list is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return [.. Parse(reader.ReadToEnd())];
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

    /// Detailed codes from a hospital's catalogue text: the codes finer than a category whose category is known.
    /// Codes are upper-cased, a trailing dagger or asterisk dropped; the first name of a code wins.
    public static (List<Icd10Entry> Found, int Skipped) ParseLocal(string text, IReadOnlySet<string> categories)
    {
        var found = new List<Icd10Entry>();
        var skipped = 0;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Trim().Length == 0)
                continue;
            var cells = line.Split(line.Contains('\t') ? '\t' : ',').Select(c => c.Trim().Trim('"').Trim()).ToArray();
            var code = cells[0].TrimEnd('†', '*', '+').ToUpperInvariant();
            var m = DiagnosisCode().Match(code);
            if (cells.Length < 2 || cells[1].Length == 0 || !m.Success || !m.Groups["sub"].Success || !categories.Contains(m.Groups["cat"].Value))
            {
                skipped++;
                continue;
            }
            found.Add(new Icd10Entry(code, Icd10Kind.Detail, cells[1], ""));
        }
        return (found, skipped);
    }

    /// Code prefix matches first (categories, then detailed codes, then chapters and blocks), then names containing
    /// the text, shortest first; 20 at most.
    public IReadOnlyList<Icd10Entry> Search(string? q, int take = 20)
    {
        var text = q?.Trim() ?? "";
        if (text.Length == 0)
            return [.. _entries.Where(e => e.Kind == Icd10Kind.Chapter).Take(take)];
        var byCode = _entries.Where(e => e.Code.StartsWith(text, StringComparison.OrdinalIgnoreCase))
            .OrderBy(e => Rank(e.Kind)).ThenBy(e => e.Code, StringComparer.Ordinal);
        var byName = _entries.Where(e => !e.Code.StartsWith(text, StringComparison.OrdinalIgnoreCase)
                && (e.NameZh.Contains(text, StringComparison.Ordinal) || e.NameEn.Contains(text, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(e => Rank(e.Kind)).ThenBy(e => e.NameZh.Length).ThenBy(e => e.Code, StringComparer.Ordinal);
        return [.. byCode.Concat(byName).Take(take)];
    }

    private static int Rank(Icd10Kind kind) => kind switch
    {
        Icd10Kind.Category => 0,
        Icd10Kind.Detail => 1,
        _ => 2,
    };

    /// The category a diagnosis code belongs to, or null when the code is not of a known category.
    public Icd10Entry? Find(string? code)
    {
        if (code is null)
            return null;
        var m = DiagnosisCode().Match(code.Trim());
        return m.Success && _categories.TryGetValue(m.Groups["cat"].Value, out var e) ? e : null;
    }

    /// The detailed code's own entry, when the hospital's catalogue has it.
    public Icd10Entry? FindDetail(string? code) =>
        code is not null && _details.TryGetValue(code.Trim(), out var e) ? e : null;

    [GeneratedRegex(@"^(?<cat>[A-Za-z][0-9]{2})(?<sub>\.[0-9A-Za-z]{1,10})?$")]
    private static partial Regex DiagnosisCode();
}
