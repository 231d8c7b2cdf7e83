using System.Globalization;
using Bangfu.Common;

namespace Bangfu.Features.Audit;

/// How the log screens write instants, changes and their export links.
public static class AuditText
{
    public static string Local(DateTimeOffset at) => at.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public static string? Date(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// "field: before → after; …" for an update, "field: value; …" otherwise.
    public static string Changes(string? before, string? after)
    {
        var old = AuditHistory.Values(before);
        return string.Join("; ", AuditHistory.Values(after).Select(kv =>
            old.TryGetValue(kv.Key, out var was) ? $"{kv.Key}: {was} → {kv.Value}" : $"{kv.Key}: {kv.Value}"));
    }

    public static string Query(params (string Name, string? Value)[] parameters)
    {
        var given = parameters.Where(p => !string.IsNullOrWhiteSpace(p.Value)).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!.Trim())}").ToList();
        return given.Count == 0 ? "" : "?" + string.Join("&", given);
    }
}
