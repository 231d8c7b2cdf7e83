using System.Formats.Tar;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Bangfu.Common;
using Bangfu.Features.Files;
using Bangfu.Features.Patients;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Bangfu.Data.Backup;

public sealed class BackupOptions
{
    /// The folder of pg_dump, pg_restore and psql when they are neither on PATH nor in /usr/lib/postgresql/N/bin.
    public string? PostgresBinDir { get; set; }
}

/// What a restore did besides replacing the data: migrations run afterwards, and where the replaced copies were put.
public sealed record RestoreResult(BackupManifest Manifest, IReadOnlyList<string> MigrationsApplied, IReadOnlyList<string> KeptAside);

/// Writes and restores one encrypted archive holding the database, the uploaded files, the patient identity key and
/// the Data Protection key ring: everything needed to read the data back on another machine.
public sealed class BackupService(
    BangfuOptions bangfu,
    IConfiguration configuration,
    AppDbContextFactory contexts,
    FileStore files,
    PatientDataOptions patients,
    BackupOptions options,
    TimeProvider clock)
{
    private string ConnectionString => DatabaseSetup.ConnectionString(configuration, bangfu);

    public static void CheckPassphrase(string? passphrase)
    {
        if (string.IsNullOrWhiteSpace(passphrase) || passphrase.Trim().Length < EncryptedArchive.MinPassphraseLength)
        {
            throw new BackupException(BackupFault.WeakPassphrase,
                $"备份口令至少 {EncryptedArchive.MinPassphraseLength} 个字符。 / The backup passphrase must be at least {EncryptedArchive.MinPassphraseLength} characters.");
        }
    }

    /// Writes the archive to <paramref name="archivePath"/> (which must not exist) while the server may keep running:
    /// SQLite is copied with its online backup API, PostgreSQL with pg_dump, both a consistent snapshot.
    public async Task<BackupManifest> CreateAsync(string archivePath, string passphrase, CancellationToken ct = default)
    {
        CheckPassphrase(passphrase);
        archivePath = Path.GetFullPath(archivePath);
        if (File.Exists(archivePath))
            throw new BackupException(BackupFault.TargetExists, $"文件已存在，不会覆盖：{archivePath} / The file exists and is not overwritten: {archivePath}");
        var work = WorkFolder(".backup-");
        var partial = archivePath + ".partial";
        // A .partial left by a run that was killed goes (a link planted there is removed, never followed); the new
        // one is created owner-only, failing if anything appears at that path in between.
        File.Delete(partial);
        try
        {
            List<string> migrations;
            await using (var db = contexts.CreateDbContext())
                migrations = [.. await db.Database.GetAppliedMigrationsAsync(ct)];
            var sources = new List<(string Entry, string File)>();
            var database = Path.Combine(work, "database");
            if (contexts.Provider == DatabaseProvider.Sqlite)
                CopySqlite(database);
            else
                await Postgres().DumpAsync(database, ct);
            sources.Add((BackupLayout.Database(contexts.Provider), database));
            sources.AddRange(UploadedFiles().Select(f => (BackupLayout.FilesPrefix + f.Relative, f.Path)));
            if (Directory.Exists(bangfu.KeyRingDir))
            {
                sources.AddRange(Directory.EnumerateFiles(bangfu.KeyRingDir, "*.xml").Order(StringComparer.Ordinal)
                    .Select(f => (BackupLayout.KeyRingPrefix + Path.GetFileName(f), f)));
            }
            var identityKey = patients.KeyPath(bangfu);
            var holdsIdentityKey = patients.Key is not { Length: > 0 } && File.Exists(identityKey);
            if (holdsIdentityKey)
                sources.Add((BackupLayout.IdentityKey, identityKey));

            BackupManifest manifest;
            await using (var output = new FileStream(partial, OwnerOnly.NewFile(FileMode.CreateNew)))
            {
                await using var archive = EncryptedArchive.Create(output, passphrase);
                var entries = new List<BackupEntry>();
                await using (var tar = new TarWriter(archive, TarEntryFormat.Pax, leaveOpen: true))
                {
                    foreach (var (entry, file) in sources)
                        entries.Add(await AddFileAsync(tar, entry, file, ct));
                    manifest = new BackupManifest(BackupManifest.FormatName, AppVersion, contexts.Provider, migrations, clock.GetUtcNow(), holdsIdentityKey, entries);
                    var json = JsonSerializer.SerializeToUtf8Bytes(manifest, BackupManifest.Json);
                    await tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, BackupLayout.Manifest) { DataStream = new MemoryStream(json), Mode = OwnerOnly.FileBits }, ct);
                }
                await archive.CompleteAsync(ct);
            }
            File.Move(partial, archivePath);
            return manifest;
        }
        finally
        {
            DeleteFolder(work);
            if (File.Exists(partial))
                File.Delete(partial);
        }
    }

    /// Reads and checks the whole archive (every chunk's tag, the end marker, every file against the manifest, the
    /// provider and the schema) into a staging folder first; only then replaces the database, the files and the keys,
    /// and finally runs the migrations this version has and the archive had not. The server must be stopped.
    public async Task<RestoreResult> RestoreAsync(string archivePath, string passphrase, CancellationToken ct = default)
    {
        CheckPassphrase(passphrase);
        var staging = WorkFolder(".restore-");
        try
        {
            var manifest = await UnpackAsync(Path.GetFullPath(archivePath), passphrase, staging, ct);
            CheckCompatible(manifest);

            var aside = new List<string>();
            var database = Path.Combine(staging, BackupLayout.Database(manifest.Provider));
            if (!File.Exists(database))
                throw Damaged("没有数据库 / no database");
            if (contexts.Provider == DatabaseProvider.Sqlite)
                ReplaceSqlite(database, aside);
            else
                await ReplacePostgresAsync(database, ct);
            ReplaceUploadedFiles(Path.Combine(staging, "files"), aside);
            RestoreKeyRing(Path.Combine(staging, "keyring"));
            if (manifest.HoldsIdentityKey)
                RestoreIdentityKey(Path.Combine(staging, BackupLayout.IdentityKey), aside);

            List<string> pending;
            await using (var db = contexts.CreateDbContext())
            {
                pending = [.. await db.Database.GetPendingMigrationsAsync(ct)];
                if (pending.Count > 0)
                    await db.Database.MigrateAsync(ct);
            }
            return new RestoreResult(manifest, pending, aside);
        }
        finally
        {
            DeleteFolder(staging);
        }
    }

    private static async Task<BackupManifest> UnpackAsync(string archivePath, string passphrase, string staging, CancellationToken ct)
    {
        if (!File.Exists(archivePath))
            throw new BackupException(BackupFault.NotAnArchive, $"找不到备份文件：{archivePath} / Backup archive not found: {archivePath}");
        await using var input = new FileStream(archivePath, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous);
        await using var archive = await EncryptedArchive.OpenAsync(input, passphrase, ct);
        var found = new Dictionary<string, BackupEntry>(StringComparer.Ordinal);
        byte[]? manifestJson = null;
        try
        {
            await using (var tar = new TarReader(archive, leaveOpen: true))
            {
                while (await tar.GetNextEntryAsync(copyData: false, ct) is { } entry)
                {
                    if (entry.EntryType == TarEntryType.Directory)
                        continue;
                    if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile)
                        || !BackupLayout.IsExpected(entry.Name) || found.ContainsKey(entry.Name) || (entry.Name == BackupLayout.Manifest && manifestJson is not null))
                        throw Damaged($"意外的条目 / unexpected entry: {entry.Name}");
                    if (entry.Name == BackupLayout.Manifest)
                    {
                        using var copy = new MemoryStream();
                        if (entry.DataStream is not null)
                            await entry.DataStream.CopyToAsync(copy, ct);
                        manifestJson = copy.ToArray();
                        continue;
                    }
                    var target = Path.Combine(staging, entry.Name.Replace('/', Path.DirectorySeparatorChar));
                    OwnerOnly.Folder(Path.GetDirectoryName(target)!);
                    found[entry.Name] = await ExtractAsync(entry, target, ct);
                }
            }
            await archive.VerifyToEndAsync(ct);
        }
        catch (Exception e) when (e is InvalidDataException or FormatException)
        {
            throw Damaged(e.Message);
        }

        var manifest = manifestJson is null ? null : ReadManifest(manifestJson);
        if (manifest is null || manifest.Format != BackupManifest.FormatName)
            throw Damaged("没有可读的清单 / no readable manifest");
        var listed = manifest.Entries.ToDictionary(e => e.Path, StringComparer.Ordinal);
        var mismatch = listed.Keys.Union(found.Keys).FirstOrDefault(p => !listed.TryGetValue(p, out var want) || !found.TryGetValue(p, out var got) || want != got);
        if (mismatch is not null)
            throw Damaged($"与清单不符 / does not match the manifest: {mismatch}");
        if (!found.ContainsKey(BackupLayout.SqliteDatabase) && !found.ContainsKey(BackupLayout.PostgresDatabase))
            throw Damaged("没有数据库 / no database");
        return manifest;
    }

    private static BackupManifest? ReadManifest(byte[] json)
    {
        try
        {
            return JsonSerializer.Deserialize<BackupManifest>(json, BackupManifest.Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private void CheckCompatible(BackupManifest manifest)
    {
        if (manifest.Provider != contexts.Provider)
        {
            throw new BackupException(BackupFault.OtherProvider,
                $"这份备份来自 {manifest.Provider} 数据库，而本系统配置为 {contexts.Provider}，不能恢复。 / " +
                $"This archive holds a {manifest.Provider} database; Bangfu is configured for {contexts.Provider}. Nothing was restored.");
        }
        using var db = contexts.CreateDbContext();
        var known = db.Database.GetMigrations().ToHashSet(StringComparer.Ordinal);
        var unknown = manifest.Migrations.Where(m => !known.Contains(m)).ToList();
        if (unknown.Count > 0)
        {
            throw new BackupException(BackupFault.NewerSchema,
                $"这份备份来自较新版本的 Bangfu（{manifest.AppVersion}，本版本不认识的迁移：{string.Join(", ", unknown)}），请先升级 Bangfu。 / " +
                $"This archive comes from a newer Bangfu ({manifest.AppVersion}; migrations this version does not know: {string.Join(", ", unknown)}). Upgrade Bangfu first; nothing was restored.");
        }
    }

    private void CopySqlite(string target)
    {
        // The copy is made owner-only before SQLite writes its first page into it.
        using (new FileStream(target, OwnerOnly.NewFile(asynchronous: false)))
        {
        }
        using var source = new SqliteConnection(ConnectionString);
        using var destination = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = target, Pooling = false }.ToString());
        source.Open();
        destination.Open();
        source.BackupDatabase(destination);
    }

    private void ReplaceSqlite(string incoming, List<string> aside)
    {
        var target = Path.GetFullPath(new SqliteConnectionStringBuilder(ConnectionString).DataSource);
        SqliteConnection.ClearAllPools();
        if (File.Exists(target))
        {
            // Fold any write-ahead log into the file, so that the copy kept aside is whole and no stale log is ever
            // applied to the restored file.
            using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder(ConnectionString) { Pooling = false }.ToString()))
            {
                connection.Open();
                using var checkpoint = connection.CreateCommand();
                checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
                checkpoint.ExecuteNonQuery();
            }
            aside.Add(KeepAside(target));
        }
        var next = Staged(incoming, target);
        foreach (var sidecar in new[] { "-wal", "-shm", "-journal" })
        {
            if (File.Exists(target + sidecar))
                File.Delete(target + sidecar);
        }
        // One rename: the database is either the old file or the restored one, never half of each.
        File.Move(next, target, overwrite: true);
    }

    private async Task ReplacePostgresAsync(string dump, CancellationToken ct)
    {
        // pg_restore --clean drops only what the archive holds: a table that a later migration added (the archive is
        // older) would survive it and break the migrations run afterwards. So every table this version's model knows
        // is dropped first, inside the same transaction as the restore.
        string prelude;
        await using (var db = contexts.CreateDbContext())
        {
            var tables = db.Model.GetEntityTypes()
                .Where(e => e.GetTableName() is not null)
                .Select(e => Quote(e.GetSchema() ?? "public") + "." + Quote(e.GetTableName()!))
                .Append(Quote("public") + "." + Quote("__EFMigrationsHistory"))
                .Distinct()
                .Order(StringComparer.Ordinal);
            prelude = "SET client_min_messages = warning;\nDROP TABLE IF EXISTS " + string.Join(", ", tables) + " CASCADE;\n";
        }
        NpgsqlConnection.ClearAllPools();
        await Postgres().RestoreAsync(dump, prelude, ct);
        NpgsqlConnection.ClearAllPools();
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private void ReplaceUploadedFiles(string incoming, List<string> aside)
    {
        var root = files.Root.TrimEnd(Path.DirectorySeparatorChar);
        OwnerOnly.Folder(incoming);
        if (Directory.Exists(root))
        {
            var before = root + ".before-restore";
            DeleteFolder(before);
            Directory.Move(root, before);
            aside.Add(before);
        }
        OwnerOnly.Folder(Path.GetDirectoryName(root)!);
        MoveFolder(incoming, root);
        OwnerOnly.Folder(root);
    }

    /// The archive's keys are added to the ring; keys made since stay, so nothing they protect becomes unreadable.
    private void RestoreKeyRing(string incoming)
    {
        if (!Directory.Exists(incoming))
            return;
        OwnerOnly.Folder(bangfu.KeyRingDir);
        foreach (var key in Directory.EnumerateFiles(incoming))
        {
            var target = Path.Combine(bangfu.KeyRingDir, Path.GetFileName(key));
            File.Copy(key, target, overwrite: true);
            OwnerOnly.Narrow(target);
        }
    }

    private void RestoreIdentityKey(string incoming, List<string> aside)
    {
        var target = patients.KeyPath(bangfu);
        OwnerOnly.Folder(Path.GetDirectoryName(target)!);
        if (File.Exists(target))
        {
            if (File.ReadAllBytes(target).AsSpan().SequenceEqual(File.ReadAllBytes(incoming)))
                return;
            aside.Add(KeepAside(target));
        }
        var next = Staged(incoming, target);
        File.Move(next, target, overwrite: true);
    }

    /// A copy of the file as it was, owner-only, beside it (`….before-restore`).
    private static string KeepAside(string target)
    {
        var before = target + ".before-restore";
        File.Copy(target, before, overwrite: true);
        OwnerOnly.Narrow(before);
        return before;
    }

    /// The restored file copied in beside its target (`….restoring`), owner-only, ready to take its place by one rename.
    private static string Staged(string incoming, string target)
    {
        var next = target + ".restoring";
        File.Copy(incoming, next, overwrite: true);
        OwnerOnly.Narrow(next);
        return next;
    }

    private List<(string Relative, string Path)> UploadedFiles()
    {
        var root = files.Root;
        if (!Directory.Exists(root))
            return [];
        // Half-written uploads (.upload-*) have no row and are left out.
        return Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetFileName(f).StartsWith('.'))
            .Select(f => (Relative: Path.GetRelativePath(root, f).Replace(Path.DirectorySeparatorChar, '/'), Path: f))
            .OrderBy(f => f.Relative, StringComparer.Ordinal)
            .ToList();
    }

    private static async Task<BackupEntry> AddFileAsync(TarWriter tar, string name, string file, CancellationToken ct)
    {
        // One handle is hashed and then written, so the manifest describes the very bytes in the archive.
        await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous);
        var sha = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
        stream.Position = 0;
        await tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = stream, Mode = OwnerOnly.FileBits }, ct);
        return new BackupEntry(name, stream.Length, sha);
    }

    private static async Task<BackupEntry> ExtractAsync(TarEntry entry, string target, CancellationToken ct)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long length = 0;
        await using (var output = new FileStream(target, OwnerOnly.NewFile()))
        {
            if (entry.DataStream is { } data)
            {
                var buffer = new byte[81920];
                int n;
                while ((n = await data.ReadAsync(buffer, ct)) > 0)
                {
                    hash.AppendData(buffer, 0, n);
                    await output.WriteAsync(buffer.AsMemory(0, n), ct);
                    length += n;
                }
            }
        }
        return new BackupEntry(entry.Name, length, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    private PostgresTools Postgres() => new(ConnectionString, options.PostgresBinDir);

    /// A private folder in the data directory: on the same disk as the data, so the final moves are renames.
    private string WorkFolder(string prefix) => OwnerOnly.Folder(Path.Combine(Path.GetFullPath(bangfu.DataDir), prefix + Guid.NewGuid().ToString("N")));

    private static void MoveFolder(string source, string target)
    {
        try
        {
            Directory.Move(source, target);
        }
        catch (IOException)
        {
            // Another disk: copy, then drop the staged copy.
            foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
            {
                var to = Path.Combine(target, Path.GetRelativePath(source, file));
                OwnerOnly.Folder(Path.GetDirectoryName(to)!);
                File.Copy(file, to);
                OwnerOnly.Narrow(to);
            }
            DeleteFolder(source);
        }
    }

    private static void DeleteFolder(string path)
    {
        if (Directory.Exists(path))
            Directory.Delete(path, recursive: true);
    }

    private static BackupException Damaged(string detail) =>
        new(BackupFault.Damaged, EncryptedArchive.Fault(BackupFault.Damaged).Message + " (" + detail + ")");

    private static string AppVersion =>
        typeof(BackupService).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
}

public static class BackupSetup
{
    public static IServiceCollection AddBackups(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(configuration.GetSection("Bangfu:Backup").Get<BackupOptions>() ?? new BackupOptions());
        services.AddSingleton<BackupService>();
        return services;
    }
}
