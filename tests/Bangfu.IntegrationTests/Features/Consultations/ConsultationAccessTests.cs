using System.Net;
using System.Text;
using Bangfu.Common;
using Bangfu.Data;
using Bangfu.Features.Consultations;
using Bangfu.Features.Files;
using Bangfu.Features.Organizations;
using Bangfu.IntegrationTests.Infrastructure;
using Bangfu.IntegrationTests.TestData;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Bangfu.IntegrationTests.Features.Consultations;

public sealed class ConsultationAccessTests(BangfuApp app) : IClassFixture<BangfuApp>
{
    [Fact]
    public async Task A_hospital_not_party_to_a_consultation_gets_404_on_it_and_everything_under_it()
    {
        var p = await app.ConsultationPartiesAsync();
        var c = await p.CreateConsultationAsync();
        var attachment = await (await p.Requester.PostAsync($"/api/consultations/{c.Id}/attachments", AttachmentData.Upload(AttachmentData.Pdf(), "心电图.pdf")))
            .ReadAsync<AttachmentDto>(HttpStatusCode.Created);
        c = await p.Requester.DoAsync(c, "submit");

        var third = await app.OrgAdminAsync(p.Admin, (await p.Admin.CreateOrganizationAsync()).Id);
        var sysAdmin = p.Admin;
        var commission = await app.UserAsync(p.Admin, Roles.Commission, (await p.Admin.CreateOrganizationAsync(region: "510000", kind: OrganizationKind.HealthCommission)).Id);
        foreach (var outsider in new[] { third, sysAdmin, commission })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/consultations/{c.Id}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await outsider.PutJsonAsync($"/api/consultations/{c.Id}", ConsultationData.NewRequest(p.Invited.Id, null, version: c.Version))).StatusCode);
            foreach (var action in new[] { "submit", "accept", "return", "decline", "schedule", "session/start", "session/end", "opinion", "file", "rate", "cancel" })
                Assert.Equal(HttpStatusCode.NotFound, (await outsider.ActAsync(c, action, new ConsultationActionRequest(c.Version, Reason: "x", Opinion: "x", Rating: 1))).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/consultations/{c.Id}/patient/id-number")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/consultations/{c.Id}/attachments")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/consultations/{c.Id}/attachments/{attachment.Id}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await outsider.PostAsync($"/api/consultations/{c.Id}/attachments", AttachmentData.Upload(AttachmentData.Pdf(), "x.pdf"))).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await outsider.DeleteAsync($"/api/consultations/{c.Id}/attachments/{attachment.Id}")).StatusCode);
            var list = await (await outsider.GetAsync("/api/consultations")).ReadAsync<Page<ConsultationListItem>>();
            Assert.DoesNotContain(list.Items, i => i.Id == c.Id);
        }
        // The attachment is reachable only under its own consultation.
        var other = await p.CreateConsultationAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await p.Requester.GetAsync($"/api/consultations/{other.Id}/attachments/{attachment.Id}")).StatusCode);
        // Both parties read it, the invited side once submitted.
        Assert.Equal(HttpStatusCode.OK, (await p.InvitedAdmin.GetAsync($"/api/consultations/{c.Id}/attachments/{attachment.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await p.InvitedAdmin.GetAsync($"/api/consultations/{other.Id}")).StatusCode);
    }

    [Fact]
    public async Task Each_side_lists_its_own_and_a_read_only_user_reads_but_does_not_act()
    {
        var p = await app.ConsultationPartiesAsync();
        var c = await p.ConsultationInAsync(ConsultationState.Submitted);
        var outgoing = await (await p.Requester.GetAsync("/api/consultations?direction=Inviting")).ReadAsync<Page<ConsultationListItem>>();
        Assert.Contains(outgoing.Items, i => i.Id == c.Id && i.Side == ConsultationSide.Inviting);
        var incoming = await (await p.InvitedAdmin.GetAsync("/api/consultations?direction=Invited&state=Submitted")).ReadAsync<Page<ConsultationListItem>>();
        Assert.Contains(incoming.Items, i => i.Id == c.Id && i.Side == ConsultationSide.Invited);
        Assert.Empty((await (await p.InvitedAdmin.GetAsync("/api/consultations?direction=Inviting")).ReadAsync<Page<ConsultationListItem>>()).Items);

        var reader = await app.UserAsync(p.Admin, Roles.ReadOnly, p.Invited.Id);
        var seen = await (await reader.GetAsync($"/api/consultations/{c.Id}")).ReadAsync<ConsultationDto>();
        Assert.Empty(seen.AllowedActions);
        await (await reader.ActAsync(c, "accept")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await reader.GetAsync($"/api/consultations/{c.Id}/patient/id-number")).ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_identity_number_is_stored_only_encrypted_and_every_reveal_is_audited()
    {
        var p = await app.ConsultationPartiesAsync();
        var (requester, userName) = await app.NamedUserAsync(p.Admin, Roles.OrgAdmin, p.Inviting.Id);
        var created = await requester.PostJsonAsync("/api/consultations", ConsultationData.NewRequest(p.Invited.Id, p.Partnership.Id));
        var c = await created.ReadAsync<ConsultationDto>(HttpStatusCode.Created);
        Assert.Equal("510**************0", c.Patient.IdNumberMasked);
        var json = await (await requester.GetAsync($"/api/consultations/{c.Id}")).Content.ReadAsStringAsync();
        Assert.DoesNotContain(ConsultationData.IdNumber, json, StringComparison.Ordinal);

        if (BangfuApp.Provider == DatabaseProvider.Sqlite)
        {
            // Every byte the database keeps: the file and its write-ahead log.
            SqliteConnection.ClearAllPools();
            var path = new SqliteConnectionStringBuilder(app.ConnectionString).DataSource;
            foreach (var file in new[] { path, path + "-wal" }.Where(File.Exists))
            {
                await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                using var copy = new MemoryStream();
                await stream.CopyToAsync(copy);
                var bytes = copy.ToArray();
                Assert.True(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(ConsultationData.IdNumber)) < 0, $"the clear number is in {file}");
                Assert.True(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes("510**************0")) >= 0, "the masked number should be there");
            }
        }
        else
        {
            await using var connection = new NpgsqlConnection(app.ConnectionString);
            await connection.OpenAsync();
            foreach (var table in new[] { "Consultations", "AuditEntries", "ConsultationEvents" })
            {
                await using var cmd = new NpgsqlCommand($"SELECT coalesce(string_agg(t::text, '|'), '') FROM \"{table}\" t", connection);
                var text = (string)(await cmd.ExecuteScalarAsync())!;
                Assert.DoesNotContain(ConsultationData.IdNumber, text, StringComparison.Ordinal);
                if (table == "Consultations")
                    Assert.Contains("510**************0", text, StringComparison.Ordinal);
            }
        }

        var revealed = await (await requester.GetAsync($"/api/consultations/{c.Id}/patient/id-number")).ReadAsync<IdNumberDto>();
        Assert.Equal(ConsultationData.IdNumber, revealed.IdNumber);
        await using var db = app.Services.GetRequiredService<AppDbContextFactory>().CreateDbContext();
        var key = c.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var audit = await db.AuditEntries.Where(a => a.EntityType == "Consultation" && a.EntityId == key && a.Action == "RevealedId").ToListAsync();
        Assert.Equal(userName, Assert.Single(audit).UserName);
    }
}
