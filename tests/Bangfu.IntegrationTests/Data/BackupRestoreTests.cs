using System.Data.Common;
using System.Formats.Tar;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bangfu.Common;
using Bangfu.Data;
using Bangfu.Data.Backup;
using Bangfu.Features.Demo;
using Bangfu.Features.Files;
using Bangfu.Features.Organizations;
using Bangfu.Features.Patients;
using Bangfu.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace Bangfu.IntegrationTests.Data;

/// Backs up a seeded Bangfu, changes it, restores, and compares every table of the model and every kept file with
/// what it was; on whichever provider the run uses. Refused archives must leave everything as it was.
public sealed class BackupRestoreTests(BangfuApp app) : IClassFixture<BangfuApp>, IAsyncLifetime
{
    private const string Passphrase = "会诊-backup-passphrase-2026";
    private static readonly AccessScope Admin = new("admin", Roles.SystemAdmin, null, null);
    private readonly string _work = Path.Combine(Path.GetTempPath(), "bangfu-bak-" + Guid.NewGuid().ToString("N"));

    private BackupService Backups => app.Services.GetRequiredService<BackupService>();
    private AppDbContextFactory Contexts => app.Services.GetRequiredService<AppDbContextFactory>();
    private string FilesRoot => app.Services.GetRequiredService<FileStore>().Root;
    private string KeyRingDir => app.Services.GetRequiredService<BangfuOptions>().KeyRingDir;
    private string IdentityKey => app.Services.GetRequiredService<PatientDataOptions>().KeyPath(app.Services.GetRequiredService<BangfuOptions>());

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_work);
        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DemoData>().SeedIfEmptyAsync();
        // A sign-in makes the Data Protection key ring write its first key.
        await app.AdminAsync();
        _ = app.Services.GetRequiredService<PatientIdentity>();
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_work, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_restore_brings_back_every_table_and_every_file_as_they_were_at_the_backup()
    {
        var uploaded = await UploadAsync("备份前的心电图");
        var atBackup = await SnapshotAsync();
        Assert.Contains(atBackup.Files.Keys, k => k.StartsWith("files/", StringComparison.Ordinal));
        Assert.Contains(atBackup.Files.Keys, k => k.StartsWith("keyring/", StringComparison.Ordinal));
        Assert.Contains("identity", atBackup.Files.Keys);
        Assert.True(atBackup.Tables["Organizations"].Rows > 0);

        var archive = Path.Combine(_work, "bangfu.bfbak");
        var manifest = await Backups.CreateAsync(archive, Passphrase);
        Assert.Equal(BangfuApp.Provider, manifest.Provider);
        Assert.True(manifest.HoldsIdentityKey);
        Assert.Equal(atBackup.Files.Count(f => f.Key.StartsWith("files/", StringComparison.Ordinal)), manifest.FileCount);
        await Assert.ThrowsAsync<BackupException>(() => Backups.CreateAsync(archive, Passphrase));

        await ChangeEverythingAsync();
        var changed = await SnapshotAsync();
        Assert.NotEqual(atBackup.Tables["Organizations"], changed.Tables["Organizations"]);

        var result = await Backups.RestoreAsync(archive, Passphrase);
        Assert.Empty(result.MigrationsApplied);
        var restored = await SnapshotAsync();
        AssertSame(atBackup, restored);
        Assert.Contains(result.KeptAside, p => p.EndsWith("files.before-restore", StringComparison.Ordinal));
        if (BangfuApp.Provider == DatabaseProvider.Sqlite)
            Assert.True(File.Exists(Path.Combine(app.DataDir, "bangfu.db.before-restore")));

        // The restored database is the live one: the app reads it (and the restored file verifies against its row).
        await using var db = Contexts.CreateFor(Admin);
        var file = await db.StoredFiles.SingleAsync(f => f.Id == uploaded.Id);
        await using var content = await app.Services.GetRequiredService<FileStore>().OpenVerifiedAsync(file, CancellationToken.None);
        Assert.True(content.Length > 0);
        var admin = await app.AdminAsync();
        Assert.Equal(System.Net.HttpStatusCode.OK, (await admin.GetAsync("/api/organizations")).StatusCode);
    }

    [Fact]
    public async Task A_wrong_passphrase_a_flipped_byte_and_a_cut_archive_are_refused_before_anything_is_touched()
    {
        await UploadAsync("拒绝测试");
        var archive = Path.Combine(_work, "refused.bfbak");
        await Backups.CreateAsync(archive, Passphrase);
        await ChangeEverythingAsync();
        var changed = await SnapshotAsync();

        var wrong = await Assert.ThrowsAsync<BackupException>(() => Backups.RestoreAsync(archive, "another-passphrase-2026"));
        Assert.Equal(BackupFault.WrongPassphrase, wrong.Fault);
        Assert.Contains("备份口令不正确", wrong.Message, StringComparison.Ordinal);
        Assert.Contains("passphrase is wrong", wrong.Message, StringComparison.Ordinal);
        AssertSame(changed, await SnapshotAsync());

        var bytes = await File.ReadAllBytesAsync(archive);
        var tampered = Path.Combine(_work, "tampered.bfbak");
        var flipped = (byte[])bytes.Clone();
        flipped[bytes.Length * 2 / 3] ^= 0x20;
        await File.WriteAllBytesAsync(tampered, flipped);
        Assert.Equal(BackupFault.Damaged, (await Assert.ThrowsAsync<BackupException>(() => Backups.RestoreAsync(tampered, Passphrase))).Fault);
        AssertSame(changed, await SnapshotAsync());

        var truncated = Path.Combine(_work, "truncated.bfbak");
        await File.WriteAllBytesAsync(truncated, bytes[..(bytes.Length - 200)]);
        Assert.Equal(BackupFault.Truncated, (await Assert.ThrowsAsync<BackupException>(() => Backups.RestoreAsync(truncated, Passphrase))).Fault);
        AssertSame(changed, await SnapshotAsync());

        Assert.Equal(BackupFault.WeakPassphrase, (await Assert.ThrowsAsync<BackupException>(() => Backups.CreateAsync(Path.Combine(_work, "weak.bfbak"), "short"))).Fault);
        Assert.False(File.Exists(Path.Combine(_work, "weak.bfbak")));
        Assert.DoesNotContain(Directory.EnumerateDirectories(app.DataDir), d => Path.GetFileName(d).StartsWith(".restore-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_archive_of_the_other_provider_or_of_a_newer_schema_or_with_a_file_not_in_its_manifest_is_refused()
    {
        var archive = Path.Combine(_work, "source.bfbak");
        await Backups.CreateAsync(archive, Passphrase);
        await ChangeEverythingAsync();
        var changed = await SnapshotAsync();

        var other = BangfuApp.Provider == DatabaseProvider.Sqlite ? nameof(DatabaseProvider.Postgres) : nameof(DatabaseProvider.Sqlite);
        var otherProvider = await RewriteAsync(archive, "other.bfbak", m => m["provider"] = other);
        Assert.Equal(BackupFault.OtherProvider, (await Assert.ThrowsAsync<BackupException>(() => Backups.RestoreAsync(otherProvider, Passphrase))).Fault);

        var newer = await RewriteAsync(archive, "newer.bfbak", m => m["migrations"]!.AsArray().Add("29991231000000_FromTheFuture"));
        var refused = await Assert.ThrowsAsync<BackupException>(() => Backups.RestoreAsync(newer, Passphrase));
        Assert.Equal(BackupFault.NewerSchema, refused.Fault);
        Assert.Contains("29991231000000_FromTheFuture", refused.Message, StringComparison.Ordinal);

        var unlisted = await RewriteAsync(archive, "unlisted.bfbak", m => m["entries"]!.AsArray().RemoveAt(m["entries"]!.AsArray().Count - 1));
        Assert.Equal(BackupFault.Damaged, (await Assert.ThrowsAsync<BackupException>(() => Backups.RestoreAsync(unlisted, Passphrase))).Fault);

        AssertSame(changed, await SnapshotAsync());
    }

    [Fact]
    public async Task An_archive_from_an_older_schema_is_restored_and_then_migrated()
    {
        await using (var db = Contexts.CreateDbContext())
        {
            var all = db.Database.GetMigrations().ToList();
            await db.GetService<IMigrator>().MigrateAsync(all[^2]);
        }
        var archive = Path.Combine(_work, "older.bfbak");
        var manifest = await Backups.CreateAsync(archive, Passphrase);
        await using (var db = Contexts.CreateDbContext())
            await db.Database.MigrateAsync();
        var upgraded = await SnapshotAsync();
        await ChangeEverythingAsync();

        var result = await Backups.RestoreAsync(archive, Passphrase);
        await using (var db = Contexts.CreateDbContext())
        {
            Assert.Equal([db.Database.GetMigrations().Last()], result.MigrationsApplied);
            Assert.DoesNotContain(db.Database.GetMigrations().Last(), manifest.Migrations);
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        }
        AssertSame(upgraded, await SnapshotAsync());
    }

    private async Task<StoredFile> UploadAsync(string text)
    {
        await using var db = Contexts.CreateFor(Admin);
        var content = Encoding.UTF8.GetBytes($"%PDF-1.4\n% {text} {Guid.NewGuid()}\n%%EOF\n");
        var file = await app.Services.GetRequiredService<FileStore>().AddAsync(db, Admin, FilePurpose.Clinical, "心电图.pdf", new MemoryStream(content), "file", CancellationToken.None);
        await db.SaveChangesAsync();
        return file;
    }

    /// Adds, edits and deletes rows, adds and deletes a kept file, and replaces the identity key on disk.
    private async Task ChangeEverythingAsync()
    {
        await UploadAsync("备份后的新文件");
        await using (var db = Contexts.CreateFor(Admin))
        {
            db.Organizations.Add(new Organization { Name = "备份后新建的医院", RegionCode = "510000", Kind = OrganizationKind.GeneralHospital });
            var first = await db.Organizations.OrderBy(o => o.Id).FirstAsync();
            first.Name += "（已改名）";
            await db.SaveChangesAsync();
            var oldest = await db.AuditEntries.MinAsync(a => a.Id);
            await db.AuditEntries.Where(a => a.Id == oldest).ExecuteDeleteAsync();
        }
        var kept = Directory.EnumerateFiles(FilesRoot, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).First();
        File.Delete(kept);
        await File.WriteAllTextAsync(IdentityKey, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
    }

    private sealed record TableState(long Rows, string Hash);

    private sealed record Snapshot(Dictionary<string, TableState> Tables, Dictionary<string, string> Files);

    private static void AssertSame(Snapshot expected, Snapshot actual)
    {
        Assert.Equal(expected.Tables.Keys.Order(StringComparer.Ordinal), actual.Tables.Keys.Order(StringComparer.Ordinal));
        foreach (var (table, state) in expected.Tables)
            Assert.True(state == actual.Tables[table], $"table {table}: expected {state}, found {actual.Tables[table]}");
        Assert.Equal(expected.Files.Keys.Order(StringComparer.Ordinal), actual.Files.Keys.Order(StringComparer.Ordinal));
        foreach (var (file, sha) in expected.Files)
            Assert.True(sha == actual.Files[file], $"file {file} differs");
    }

    /// Every table of the model (and the migrations history), read generically: its row count and a hash of its
    /// rows in a fixed order; every kept file, key-ring key and the identity key, by SHA-256.
    private async Task<Snapshot> SnapshotAsync()
    {
        var tables = new Dictionary<string, TableState>(StringComparer.Ordinal);
        await using (var db = Contexts.CreateDbContext())
        {
            var names = db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>()
                .Append("__EFMigrationsHistory").Distinct().Order(StringComparer.Ordinal).ToList();
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync();
            foreach (var name in names)
                tables[name] = await TableAsync(connection, name);
        }
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Directory.Exists(FilesRoot))
        {
            foreach (var file in Directory.EnumerateFiles(FilesRoot, "*", SearchOption.AllDirectories))
                files["files/" + Path.GetRelativePath(FilesRoot, file)] = Sha(file);
        }
        foreach (var key in Directory.EnumerateFiles(KeyRingDir, "*.xml"))
            files["keyring/" + Path.GetFileName(key)] = Sha(key);
        files["identity"] = Sha(IdentityKey);
        return new Snapshot(tables, files);
    }

    private static async Task<TableState> TableAsync(DbConnection connection, string table)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM \"{table}\"";
        var rows = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            var columns = Enumerable.Range(0, reader.FieldCount).OrderBy(reader.GetName, StringComparer.Ordinal).ToList();
            while (await reader.ReadAsync())
            {
                rows.Add(string.Join('\u001f', columns.Select(i => reader.GetName(i) + "=" + reader.GetValue(i) switch
                {
                    DBNull => "∅",
                    byte[] b => Convert.ToHexString(b),
                    DateTime d => d.ToString("O", CultureInfo.InvariantCulture),
                    DateTimeOffset d => d.ToString("O", CultureInfo.InvariantCulture),
                    var v => Convert.ToString(v, CultureInfo.InvariantCulture),
                })));
            }
        }
        rows.Sort(StringComparer.Ordinal);
        return new TableState(rows.Count, Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001e', rows)))));
    }

    private static string Sha(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));

    /// The same archive with its manifest edited (and sealed again with the same passphrase), as an archive written
    /// by another provider or a newer version would be.
    private async Task<string> RewriteAsync(string source, string name, Action<JsonObject> edit)
    {
        var target = Path.Combine(_work, name);
        await using var input = File.OpenRead(source);
        await using var plain = await EncryptedArchive.OpenAsync(input, Passphrase);
        await using var output = File.Create(target);
        await using var sealedArchive = EncryptedArchive.Create(output, Passphrase);
        await using (var reader = new TarReader(plain, leaveOpen: true))
        await using (var writer = new TarWriter(sealedArchive, TarEntryFormat.Pax, leaveOpen: true))
        {
            while (await reader.GetNextEntryAsync(copyData: true) is { } entry)
            {
                if (entry.Name == BackupLayout.Manifest)
                {
                    var manifest = JsonNode.Parse(entry.DataStream!)!.AsObject();
                    edit(manifest);
                    entry.DataStream = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(manifest));
                }
                await writer.WriteEntryAsync(entry);
            }
        }
        await sealedArchive.CompleteAsync();
        return target;
    }
}
