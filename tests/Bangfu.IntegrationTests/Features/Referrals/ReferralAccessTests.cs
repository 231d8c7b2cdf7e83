using System.Net;
using System.Text;
using Bangfu.Common;
using Bangfu.Data;
using Bangfu.Features.Organizations;
using Bangfu.Features.Referrals;
using Bangfu.IntegrationTests.Infrastructure;
using Bangfu.IntegrationTests.TestData;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Bangfu.IntegrationTests.Features.Referrals;

public sealed class ReferralAccessTests(BangfuApp app) : IClassFixture<BangfuApp>
{
    [Fact]
    public async Task A_hospital_not_party_to_the_referral_gets_404_on_it_and_on_every_step()
    {
        var admin = await app.AdminAsync();
        var s = await app.SetUpReferralsAsync(admin);
        var r = await s.Sender.CreateReferralAsync(s.Up());
        await s.Sender.ActAsync(r.Id, "submit");
        Assert.Equal(HttpStatusCode.NotFound, (await s.Third.GetAsync($"/api/referrals/{r.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await s.Third.PostJsonAsync($"/api/referrals/{r.Id}/accept", new ReferralActionRequest())).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await s.Third.PostAsync($"/api/referrals/{r.Id}/reveal-id", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/referrals/{r.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await s.Receiver.GetAsync($"/api/referrals/{r.Id}")).StatusCode);
    }

    [Fact]
    public async Task A_commission_sees_counts_but_no_patient_field()
    {
        var admin = await app.AdminAsync();
        var s = await app.SetUpReferralsAsync(admin);
        var commission = await app.UserAsync(admin, Roles.Commission, (await admin.CreateOrganizationAsync(region: "140000", kind: OrganizationKind.HealthCommission)).Id);
        var r = await s.AcceptedAsync();
        await s.Sender.ActAsync(r.Id, "depart");
        await s.Receiver.ActAsync(r.Id, "receive");
        Assert.Equal(HttpStatusCode.NotFound, (await commission.GetAsync($"/api/referrals/{r.Id}")).StatusCode);
        Assert.Equal(0, (await (await commission.GetAsync("/api/referrals/incoming")).ReadAsync<Page<ReferralListItem>>()).Total);
        var response = await commission.GetAsync($"/api/referrals/stats?organizationId={s.SenderId}");
        var body = await response.Content.ReadAsStringAsync();
        var stats = await response.ReadAsync<ReferralStats>();
        var month = Assert.Single(stats.Monthly);
        Assert.Equal((s.SenderId, ReferralDirection.Up, 1), (month.OrganizationId, month.Direction, month.Count));
        Assert.Equal(1, Assert.Single(stats.ByStatus, x => x.Status == ReferralStatus.Received).Count);
        Assert.Equal(1, stats.Transfer.Count);
        Assert.DoesNotContain("张小宝", body);
        Assert.DoesNotContain("patient", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("P22", body);
    }

    /// Transfer times of 1, 2, 3 and 10 hours (submission moved back in the database, reception now): the median
    /// is 150 minutes, the p90 180 + 0.7 × (600 − 180) = 474, both computed by the database's sort.
    [Fact]
    public async Task Transfer_time_median_and_p90_come_from_the_records()
    {
        var admin = await app.AdminAsync();
        var s = await app.SetUpReferralsAsync(admin);
        foreach (var hours in new[] { 3, 1, 10, 2 })
        {
            var r = await s.AcceptedAsync();
            await using (var db = app.Services.GetRequiredService<AppDbContextFactory>().CreateDbContext())
            {
                var row = await db.Referrals.SingleAsync(x => x.Id == r.Id);
                row.SubmittedAt = DateTimeOffset.UtcNow.AddHours(-hours);
                await db.SaveChangesAsync();
            }
            await s.Sender.ActAsync(r.Id, "depart");
            await s.Receiver.ActAsync(r.Id, "receive");
        }
        await s.Sender.ActAsync((await s.AcceptedAsync()).Id, "depart"); // in transit: not measured
        var stats = await (await s.Sender.GetAsync($"/api/referrals/stats?organizationId={s.SenderId}")).ReadAsync<ReferralStats>();
        Assert.Equal(new DurationStats(4, 150, 474), stats.Transfer);
        var none = await (await s.Third.GetAsync("/api/referrals/stats")).ReadAsync<ReferralStats>();
        Assert.Equal(new DurationStats(0, null, null), none.Transfer);
    }

    [Fact]
    public async Task The_identity_number_is_stored_encrypted_and_revealing_it_is_audited()
    {
        var admin = await app.AdminAsync();
        var s = await app.SetUpReferralsAsync(admin);
        var id = ReferralData.ValidId("14052520260101001");
        var r = await s.Sender.CreateReferralAsync(s.Up(idNumber: id) with { Patient = new(Registry.Unique("患儿"), Bangfu.Features.Patients.PatientSex.Female, null, 0, id) });
        Assert.Equal(PatientMask(id), r.Patient.IdNumberMasked);
        Assert.DoesNotContain(id, await (await s.Sender.GetAsync($"/api/referrals/{r.Id}")).Content.ReadAsStringAsync());

        if (BangfuApp.Provider == DatabaseProvider.Sqlite)
        {
            var file = new SqliteConnectionStringBuilder(app.ConnectionString).DataSource;
            SqliteConnection.ClearAllPools();
            var bytes = new List<byte>(File.ReadAllBytes(file));
            if (File.Exists(file + "-wal"))
                bytes.AddRange(File.ReadAllBytes(file + "-wal"));
            var text = Encoding.UTF8.GetString([.. bytes]) + Encoding.Unicode.GetString([.. bytes]);
            Assert.Contains(PatientMask(id), text);  // the file is read for real: the masked form is there
            Assert.DoesNotContain(id, text);
            Assert.DoesNotContain(id[6..14], text.Replace(PatientMask(id), "", StringComparison.Ordinal));
        }
        else
        {
            await using var connection = new NpgsqlConnection(app.ConnectionString);
            await connection.OpenAsync();
            await using var cmd = new NpgsqlCommand("SELECT \"PatientIdNumberCipher\", \"PatientIdNumberMasked\" FROM \"Referrals\" WHERE \"Id\" = @id", connection);
            cmd.Parameters.AddWithValue("id", r.Id);
            await using var reader = await cmd.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            Assert.StartsWith("k1:", reader.GetString(0));
            Assert.DoesNotContain(id, reader.GetString(0));
            Assert.Equal(PatientMask(id), reader.GetString(1));
        }

        var revealed = await (await s.Receiver.PostAsync($"/api/referrals/{r.Id}/reveal-id", null)).ReadAsync<RevealedIdNumber>();
        Assert.Equal(id, revealed.IdNumber);
        await using var db = app.Services.GetRequiredService<AppDbContextFactory>().CreateDbContext();
        var entityId = r.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var views = await db.AuditEntries.Where(a => a.EntityType == "Referral" && a.EntityId == entityId && a.Action == "RevealedId").ToListAsync();
        Assert.Single(views);
    }

    private static string PatientMask(string id) => Bangfu.Features.Patients.PatientIdentity.Mask(id);
}
