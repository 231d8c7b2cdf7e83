using System.Net;
using Bangfu.Data;
using Bangfu.Features.Files;
using Bangfu.Features.Patients;
using Bangfu.IntegrationTests.Infrastructure;
using Bangfu.IntegrationTests.TestData;
using Microsoft.Extensions.DependencyInjection;

namespace Bangfu.IntegrationTests.Features.Patients;

// Windows keeps the folder's ACL instead of Unix modes.
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class OwnerOnlyStorageTests(BangfuApp app) : IClassFixture<BangfuApp>
{
    private const UnixFileMode Folder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode File600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    public async Task The_database_the_keys_and_uploaded_files_are_readable_by_their_owner_only()
    {
        var admin = await app.AdminAsync();
        var s = await app.SetUpReferralsAsync(admin);
        var r = await s.Sender.CreateReferralAsync(s.Up(idNumber: ConsultationData.IdNumber));
        var upload = await s.Sender.PostAsync($"/api/referrals/{r.Id}/attachments", AttachmentData.Upload(AttachmentData.Pdf("权限"), "权限.pdf", AttachmentCategory.Other));
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);

        var bangfu = app.Services.GetRequiredService<BangfuOptions>();
        var keyPath = app.Services.GetRequiredService<PatientDataOptions>().KeyPath(bangfu);
        var filesRoot = app.Services.GetRequiredService<FileStore>().Root;
        Assert.Equal(Folder, File.GetUnixFileMode(app.DataDir));
        Assert.Equal(Folder, File.GetUnixFileMode(bangfu.KeyRingDir));
        Assert.Equal(Folder, File.GetUnixFileMode(Path.GetDirectoryName(keyPath)!));
        Assert.Equal(File600, File.GetUnixFileMode(keyPath));
        Assert.Equal(Folder, File.GetUnixFileMode(filesRoot));
        var stored = Directory.GetFiles(filesRoot, "*", SearchOption.AllDirectories);
        Assert.NotEmpty(stored);
        Assert.All(stored, f => Assert.Equal(File600, File.GetUnixFileMode(f)));
        Assert.All(Directory.GetDirectories(filesRoot, "*", SearchOption.AllDirectories), d => Assert.Equal(Folder, File.GetUnixFileMode(d)));
        if (BangfuApp.Provider == DatabaseProvider.Sqlite)
        {
            var databaseFiles = Directory.GetFiles(app.DataDir, "bangfu.db*");
            Assert.Contains(databaseFiles, f => f.EndsWith("bangfu.db", StringComparison.Ordinal));
            Assert.All(databaseFiles, f => Assert.Equal(File600, File.GetUnixFileMode(f)));
        }
    }
}
