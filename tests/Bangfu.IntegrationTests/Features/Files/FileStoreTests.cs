using System.Security.Cryptography;
using System.Text;
using Bangfu.Common;
using Bangfu.Data;
using Bangfu.Features.Files;
using Bangfu.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bangfu.IntegrationTests.Features.Files;

public sealed class FileStoreTests(BangfuApp app) : IClassFixture<BangfuApp>
{
    private static readonly AccessScope Admin = new("admin", Roles.SystemAdmin, null, null);

    public static byte[] Pdf(string text = "会诊资料") => Encoding.UTF8.GetBytes($"%PDF-1.4\n% {text}\n%%EOF\n");

    private FileStore Store(long maxClinical = 50L * 1024 * 1024) =>
        new(new FileStoreOptions { MaxClinicalBytes = maxClinical }, app.Services.GetRequiredService<BangfuOptions>(), TimeProvider.System);

    private async Task<RequestValidationException> RefusedAsync(FileStore store, string name, byte[] content)
    {
        await using var db = app.Services.GetRequiredService<AppDbContextFactory>().CreateFor(Admin);
        var before = await db.StoredFiles.CountAsync();
        var refused = await Assert.ThrowsAsync<RequestValidationException>(() =>
            store.AddAsync(db, Admin, FilePurpose.Clinical, name, new MemoryStream(content), "file", CancellationToken.None));
        Assert.Empty(db.ChangeTracker.Entries<StoredFile>());
        Assert.Equal(before, await db.StoredFiles.CountAsync());
        return refused;
    }

    [Fact]
    public async Task A_kept_file_is_stored_by_checksum_and_read_back_verified()
    {
        var content = Pdf();
        StoredFile file;
        await using (var db = app.Services.GetRequiredService<AppDbContextFactory>().CreateFor(Admin))
        {
            file = await Store().AddAsync(db, Admin, FilePurpose.Clinical, "心电图.pdf", new MemoryStream(content), "file", CancellationToken.None);
            await db.SaveChangesAsync();
        }
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), file.Sha256);
        Assert.Equal("pdf", file.Kind);
        Assert.Equal(content.Length, file.Length);
        await using (var db = app.Services.GetRequiredService<AppDbContextFactory>().CreateFor(Admin))
        {
            var row = await db.StoredFiles.SingleAsync(f => f.Id == file.Id);
            await using var stream = await Store().OpenVerifiedAsync(row, CancellationToken.None);
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            Assert.Equal(content, copy.ToArray());
        }
    }

    [Fact]
    public async Task A_renamed_executable_an_oversized_an_empty_and_a_mislabelled_file_are_refused_and_leave_nothing()
    {
        var exe = new byte[600];
        "MZ"u8.CopyTo(exe);
        Assert.Equal("Files.Executable", (await RefusedAsync(Store(), "报告.pdf", exe)).Errors.Single().MessageKey);
        Assert.Equal("Files.TooLarge", (await RefusedAsync(Store(maxClinical: 16), "大.pdf", Pdf())).Errors.Single().MessageKey);
        Assert.Equal("Files.Empty", (await RefusedAsync(Store(), "空.pdf", [])).Errors.Single().MessageKey);
        Assert.Equal("Files.ContentMismatch", (await RefusedAsync(Store(), "片子.png", Pdf())).Errors.Single().MessageKey);
        Assert.Equal("Files.KindNotAccepted", (await RefusedAsync(Store(), "脚本.bat", Encoding.ASCII.GetBytes("echo hi"))).Errors.Single().MessageKey);
        var files = Path.Combine(app.Services.GetRequiredService<BangfuOptions>().DataDir, "files");
        Assert.DoesNotContain(Directory.Exists(files) ? Directory.EnumerateFiles(files, "*", SearchOption.AllDirectories) : [], f => Path.GetFileName(f).StartsWith(".upload-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_file_altered_on_disk_is_not_served()
    {
        var content = Pdf("将被改动");
        StoredFile file;
        await using (var db = app.Services.GetRequiredService<AppDbContextFactory>().CreateFor(Admin))
        {
            file = await Store().AddAsync(db, Admin, FilePurpose.Clinical, "病理.pdf", new MemoryStream(content), "file", CancellationToken.None);
            await db.SaveChangesAsync();
        }
        var path = Path.Combine(Path.GetFullPath(app.Services.GetRequiredService<BangfuOptions>().DataDir), "files", file.Sha256[..2], file.Sha256);
        await File.WriteAllBytesAsync(path, Pdf("已被改动"));
        var refused = await Assert.ThrowsAsync<DomainRuleException>(() => Store().OpenVerifiedAsync(file, CancellationToken.None));
        Assert.Equal("Files.Corrupted", refused.MessageKey);
    }
}
