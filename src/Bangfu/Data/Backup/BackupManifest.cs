using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bangfu.Data.Backup;

/// One file inside the archive, with the length and SHA-256 it had when it was written.
public sealed record BackupEntry(string Path, long Length, string Sha256);

/// What an archive holds: read back and checked before a restore touches anything.
public sealed record BackupManifest(
    string Format,
    string AppVersion,
    DatabaseProvider Provider,
    IReadOnlyList<string> Migrations,
    DateTimeOffset CreatedAt,
    bool HoldsIdentityKey,
    IReadOnlyList<BackupEntry> Entries)
{
    public const string FormatName = "bangfu-backup/1";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public int FileCount => Entries.Count(e => e.Path.StartsWith(BackupLayout.FilesPrefix, StringComparison.Ordinal));
    public int KeyRingCount => Entries.Count(e => e.Path.StartsWith(BackupLayout.KeyRingPrefix, StringComparison.Ordinal));
}

/// Where each part sits inside the archive's tar.
public static class BackupLayout
{
    public const string Manifest = "manifest.json";
    public const string SqliteDatabase = "database/bangfu.db";
    public const string PostgresDatabase = "database/bangfu.dump";
    public const string FilesPrefix = "files/";
    public const string KeyRingPrefix = "keyring/";
    public const string IdentityKey = "identity/patient-id.key";

    public static string Database(DatabaseProvider provider) => provider == DatabaseProvider.Sqlite ? SqliteDatabase : PostgresDatabase;

    /// Only names this version writes: relative, no empty, dot or dot-dot parts, nothing outside its folder. A name
    /// that fails this never reaches the disk.
    public static bool IsExpected(string name)
    {
        if (name is Manifest or SqliteDatabase or PostgresDatabase or IdentityKey)
            return true;
        if (name.Any(c => char.IsControl(c) || c == '\\'))
            return false;
        var parts = name.Split('/');
        if (parts.Any(p => p.Length == 0 || p is "." or ".."))
            return false;
        return (parts[0] == "files" && parts.Length >= 2) || (parts[0] == "keyring" && parts.Length == 2);
    }
}
