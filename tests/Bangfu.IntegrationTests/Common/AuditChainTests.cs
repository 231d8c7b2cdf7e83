using System.Net;
using Bangfu.Common;
using Bangfu.Data;
using Bangfu.Features.Organizations;
using Bangfu.IntegrationTests.Infrastructure;
using Bangfu.IntegrationTests.TestData;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bangfu.IntegrationTests.Common;

/// Issue 10 item 12: every audit row is linked into one hash chain, writers at the same moment do not fork it, and
/// the check (the service behind `verify-audit`) finds a changed, a removed and a slipped-in row.
public sealed class AuditChainTests(BangfuApp app) : IClassFixture<BangfuApp>
{
    private AppDbContextFactory Dbf => app.Services.GetRequiredService<AppDbContextFactory>();

    [Fact]
    public async Task Rows_written_at_the_same_moment_by_many_writers_form_one_unbroken_chain()
    {
        var admin = await app.AdminAsync();
        var log = app.Services.GetRequiredService<SecurityLog>();
        // Requests that each write a record and its audit row, and security events written straight, all at once.
        var writes = Enumerable.Range(0, 12).Select(i => admin.CreateOrganizationAsync(Registry.Unique("并发医院")))
            .Cast<Task>()
            .Concat(Enumerable.Range(0, 24).Select(i => Task.Run(() => log.RecordAsync(SecurityEvents.SignInFailed, "ghost" + i, userName: "ghost" + i))))
            .ToList();
        await Task.WhenAll(writes);

        var verification = await AuditChain.VerifyAsync(Dbf);
        await using var db = Dbf.CreateDbContext();
        var rows = await db.AuditEntries.AsNoTracking().Select(a => new { a.Sequence, a.PreviousHash, a.Hash }).ToListAsync();
        Assert.True(verification.IsIntact, AuditChain.Describe(verification));
        Assert.Equal(rows.Count, verification.Count);
        Assert.All(rows, r => Assert.NotNull(r.Hash));
        // One row per number and one successor per row: no fork.
        Assert.Equal(rows.Count, rows.Select(r => r.Sequence).Distinct().Count());
        Assert.Equal(rows.Count, rows.Select(r => r.PreviousHash).Distinct().Count());
        Assert.Equal(Enumerable.Range(1, rows.Count).Select(i => (long?)i), rows.Select(r => r.Sequence).Order());
    }

    [Fact]
    public async Task A_record_change_is_linked_with_its_address_and_the_values_before_and_after()
    {
        var admin = await app.AdminAsync();
        var org = await admin.CreateOrganizationAsync("链上医院");
        var renamed = await admin.PutJsonAsync($"/api/organizations/{org.Id}",
            new SaveOrganizationRequest("链上医院（新名）", null, org.Kind, org.Grade, org.RegionCode, null, Version: org.Version));
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);

        await using var db = Dbf.CreateDbContext();
        var key = org.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var update = await db.AuditEntries.AsNoTracking().SingleAsync(a => a.EntityType == "Organization" && a.EntityId == key && a.Action == "Updated");
        Assert.Equal("admin", update.UserName);
        Assert.Equal(AuditCategory.Data, update.Category);
        Assert.False(string.IsNullOrEmpty(update.Address));
        Assert.Equal("链上医院", AuditHistory.Values(update.Before)["Name"]);
        Assert.Equal("链上医院（新名）", AuditHistory.Values(update.Changes)["Name"]);
        Assert.Equal(AuditChain.HashOf(update), update.Hash);
        var before = await db.AuditEntries.AsNoTracking().SingleAsync(a => a.Sequence == update.Sequence - 1);
        Assert.Equal(before.Hash, update.PreviousHash);
    }
}

/// Tampering with the trail, in a database of its own (the chain is broken on purpose).
public sealed class AuditTamperTests(BangfuApp app) : IClassFixture<BangfuApp>
{
    [Fact]
    public async Task The_check_reports_a_changed_row_a_removed_row_and_a_row_written_past_the_application()
    {
        var admin = await app.AdminAsync();
        for (var i = 0; i < 3; i++)
            await admin.CreateOrganizationAsync(Registry.Unique("篡改医院"));
        var dbf = app.Services.GetRequiredService<AppDbContextFactory>();
        Assert.True((await AuditChain.VerifyAsync(dbf)).IsIntact);

        await using var db = dbf.CreateDbContext();
        var rows = await db.AuditEntries.AsNoTracking().OrderBy(a => a.Sequence).ToListAsync();
        var victim = rows[^3];

        // A changed value.
        await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE \"AuditEntries\" SET \"UserName\" = {"someone-else"} WHERE \"Id\" = {victim.Id}");
        var changed = await AuditChain.VerifyAsync(dbf);
        Assert.False(changed.IsIntact);
        Assert.Equal(victim.Id, changed.BrokenId);
        Assert.StartsWith("BROKEN", AuditChain.Describe(changed), StringComparison.Ordinal);
        await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE \"AuditEntries\" SET \"UserName\" = {victim.UserName} WHERE \"Id\" = {victim.Id}");
        Assert.True((await AuditChain.VerifyAsync(dbf)).IsIntact);

        // A row inserted with SQL has no place in the chain, and a later start does not seal it in.
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO \"AuditEntries\" (\"At\", \"UserName\", \"EntityType\", \"EntityId\", \"Action\", \"Category\") SELECT \"At\", 'intruder', 'Organization', '1', 'Updated', 'Data' FROM \"AuditEntries\" WHERE \"Id\" = {victim.Id}");
        Assert.Equal(0, await AuditChain.SealExistingAsync(dbf));
        var slipped = await AuditChain.VerifyAsync(dbf);
        Assert.False(slipped.IsIntact);
        var intruder = await db.AuditEntries.AsNoTracking().SingleAsync(a => a.UserName == "intruder");
        Assert.Equal(intruder.Id, slipped.BrokenId);
        await db.Database.ExecuteSqlInterpolatedAsync($"DELETE FROM \"AuditEntries\" WHERE \"Id\" = {intruder.Id}");
        Assert.True((await AuditChain.VerifyAsync(dbf)).IsIntact);

        // A trail from before the chain (no row linked yet) is sealed in the order it was written.
        await db.Database.ExecuteSqlRawAsync("UPDATE \"AuditEntries\" SET \"Sequence\" = NULL, \"Hash\" = NULL, \"PreviousHash\" = NULL");
        Assert.False((await AuditChain.VerifyAsync(dbf)).IsIntact);
        var all = await db.AuditEntries.CountAsync();
        Assert.Equal(all, await AuditChain.SealExistingAsync(dbf));
        var resealed = await AuditChain.VerifyAsync(dbf);
        Assert.True(resealed.IsIntact, AuditChain.Describe(resealed));
        Assert.Equal(all, resealed.Count);
        Assert.Equal(1, (await db.AuditEntries.AsNoTracking().OrderBy(a => a.Id).FirstAsync()).Sequence);

        // A removed row: the one after it no longer follows.
        rows = await db.AuditEntries.AsNoTracking().OrderBy(a => a.Sequence).ToListAsync();
        victim = rows[^3];
        await db.Database.ExecuteSqlInterpolatedAsync($"DELETE FROM \"AuditEntries\" WHERE \"Id\" = {victim.Id}");
        var removed = await AuditChain.VerifyAsync(dbf);
        Assert.False(removed.IsIntact);
        Assert.Equal(rows[^2].Id, removed.BrokenId);
        Assert.Equal(rows.Count - 3, removed.Count);
    }
}
