using System.Globalization;
using System.IO.Compression;
using Bangfu.Features.Files;

namespace Bangfu.Features.Evidence;

/// Entry names of an evidence ZIP: "folder/2026-05-03_张三_photo.jpg". The record's name and the file's name are
/// neutralised (<see cref="FileNames"/>, slashes too, so no name adds a folder or climbs out of one), and a name already
/// taken in the archive (case-insensitively, as Windows unpacks) gets " (2)", " (3)"… before its extension.
public sealed class EvidenceArchiveNames
{
    private readonly HashSet<string> _taken = new(StringComparer.OrdinalIgnoreCase);

    public string Next(string folder, DateOnly date, string recordName, string fileName)
    {
        var safeFolder = FileNames.Neutralise(folder.Replace('/', '_').Replace('\\', '_'));
        var record = recordName.Replace('/', '_').Replace('\\', '_');
        var name = FileNames.Neutralise($"{date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}_{record}_{fileName.Replace('/', '_').Replace('\\', '_')}");
        var candidate = $"{safeFolder}/{name}";
        var extension = Path.GetExtension(name);
        var stem = name[..^extension.Length];
        for (var n = 2; !_taken.Add(candidate); n++)
            candidate = $"{safeFolder}/{stem} ({n}){extension}";
        return candidate;
    }
}

/// Writes an evidence ZIP straight into the response: one entry at a time, each file's content copied from the
/// verified file on disk, so neither the archive nor a file is ever held in memory. Photos and scans are already
/// compressed, so entries are stored without compressing again.
public static class EvidenceArchive
{
    public static async Task WriteAsync(Stream output, IReadOnlyList<EvidenceArchiveEntry> entries, FileStore files, CancellationToken ct)
    {
        await using var zip = await ZipArchive.CreateAsync(output, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, ct);
        foreach (var entry in entries)
        {
            // A file changed or lost on disk throws here: the response is then cut off, never a ZIP that looks whole.
            await using var content = await files.OpenVerifiedAsync(entry.File, ct);
            var zipEntry = zip.CreateEntry(entry.EntryName, CompressionLevel.NoCompression);
            zipEntry.LastWriteTime = entry.File.StoredAt;
            await using var target = await zipEntry.OpenAsync(ct);
            await content.CopyToAsync(target, ct);
        }
    }
}
