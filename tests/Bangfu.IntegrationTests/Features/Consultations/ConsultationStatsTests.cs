using System.Net;
using Bangfu.Common;
using Bangfu.Data;
using Bangfu.Features.Consultations;
using Bangfu.Features.Organizations;
using Bangfu.IntegrationTests.Infrastructure;
using Bangfu.IntegrationTests.TestData;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bangfu.IntegrationTests.Features.Consultations;

public sealed class ConsultationStatsTests(BangfuApp app) : IClassFixture<BangfuApp>
{
    [Fact]
    public async Task Waiting_time_is_measured_from_the_first_submission_to_the_session_start()
    {
        var p = await app.ConsultationPartiesAsync();
        var c = await p.ConsultationInAsync(ConsultationState.Scheduled);
        await using (var db = app.Services.GetRequiredService<AppDbContextFactory>().CreateDbContext())
        {
            var row = await db.Consultations.SingleAsync(x => x.Id == c.Id);
            row.FirstSubmittedAt = DateTimeOffset.UtcNow.AddHours(-50);
            await db.SaveChangesAsync();
            c = c with { Version = row.Version };
        }
        c = await p.ConsultantClient.DoAsync(c, "session/start", new ConsultationActionRequest(c.Version, At: DateTimeOffset.UtcNow.AddHours(-2)));
        c = await p.ConsultantClient.DoAsync(c, "session/end", new ConsultationActionRequest(c.Version, At: DateTimeOffset.UtcNow.AddHours(-1)));
        await p.ConsultantClient.DoAsync(c, "opinion", new ConsultationActionRequest(c.Version, Opinion: "意见"));
        await using var check = app.Services.GetRequiredService<AppDbContextFactory>().CreateDbContext();
        var measured = await check.Consultations.AsNoTracking().SingleAsync(x => x.Id == c.Id);
        Assert.Equal(48 * 60, measured.WaitingMinutes);
        Assert.InRange(measured.TurnaroundMinutes!.Value, 59, 61);
    }

    [Fact]
    public async Task Counts_medians_p90_and_fees_come_out_of_known_data_and_commissions_see_only_their_region()
    {
        // Regions no other test of this class uses: the inviting side in 52 (Guizhou), the invited side in 44 (Guangdong).
        var p = await app.ConsultationPartiesAsync(invitingRegion: "522301", invitedRegion: "440100");
        var plan = new (ConsultationType Type, int? Waiting, int? Turnaround, decimal Fee)[]
        {
            (ConsultationType.Mdt, 10, 5, 100m),
            (ConsultationType.Mdt, 20, 15, 200m),
            (ConsultationType.Mdt, 30, 25, 300m),
            (ConsultationType.Ecg, 40, 35, 50.5m),
            (ConsultationType.Ecg, 1000, null, 80m),
        };
        foreach (var (type, waiting, turnaround, fee) in plan)
        {
            var c = await p.ConsultationInAsync(ConsultationState.Submitted, fee, type);
            await using var db = app.Services.GetRequiredService<AppDbContextFactory>().CreateDbContext();
            var row = await db.Consultations.SingleAsync(x => x.Id == c.Id);
            row.WaitingMinutes = waiting;
            row.TurnaroundMinutes = turnaround;
            if (turnaround is not null)
            {
                row.SignedAt = DateTimeOffset.UtcNow;
                row.State = ConsultationState.OpinionSigned;
            }
            await db.SaveChangesAsync();
        }
        await p.CreateConsultationAsync(999m); // a draft counts nowhere

        var guizhou = await app.UserAsync(p.Admin, Roles.Commission, (await p.Admin.CreateOrganizationAsync(region: "520000", kind: OrganizationKind.HealthCommission)).Id);
        var hubei = await app.UserAsync(p.Admin, Roles.Commission, (await p.Admin.CreateOrganizationAsync(region: "420000", kind: OrganizationKind.HealthCommission)).Id);
        var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
        var url = $"/api/consultations/stats?from={today.AddDays(-1):yyyy-MM-dd}&to={today.AddDays(1):yyyy-MM-dd}";
        foreach (var reader in new[] { p.Requester, p.InvitedAdmin, guizhou })
        {
            var s = await (await reader.GetAsync(url)).ReadAsync<ConsultationStatsDto>();
            Assert.Equal(5, s.Total);
            Assert.Equal([new TypeCount(ConsultationType.Mdt, 3), new TypeCount(ConsultationType.Ecg, 2)], s.ByType);
            Assert.Equal([new OrganizationCount(p.Inviting.Id, p.Inviting.Name, 5, 0), new OrganizationCount(p.Invited.Id, p.Invited.Name, 0, 5)],
                s.ByOrganization.OrderBy(o => o.Invited));
            // Waiting 10, 20, 30, 40, 1000: median 30; p90 at rank 3.6 → 40 + 0.6 × 960 = 616.
            Assert.Equal(new DurationStats(5, 30, 616), s.Waiting);
            // Turnaround 5, 15, 25, 35: median at rank 1.5 → 20; p90 at rank 2.7 → 25 + 0.7 × 10 = 32.
            Assert.Equal(4, s.Turnaround.Count);
            Assert.Equal(20, s.Turnaround.MedianMinutes!.Value, 6);
            Assert.Equal(32, s.Turnaround.P90Minutes!.Value, 6);
            Assert.Equal(650.5m, s.FeesSigned);
            Assert.Equal(730.5m, s.FeesRequested);
        }
        var outside = await (await hubei.GetAsync(url)).ReadAsync<ConsultationStatsDto>();
        Assert.Equal(0, outside.Total);
        Assert.Equal(new DurationStats(0, null, null), outside.Waiting);
        var filtered = await (await guizhou.GetAsync($"{url}&regionCode=440100")).ReadAsync<ConsultationStatsDto>();
        Assert.Equal(5, filtered.Total);
        var earlier = await (await guizhou.GetAsync("/api/consultations/stats?from=2020-01-01&to=2020-12-31")).ReadAsync<ConsultationStatsDto>();
        Assert.Equal(0, earlier.Total);

        // The statistics hold no patient field, and the commission still cannot open a record.
        var json = await (await guizhou.GetAsync(url)).Content.ReadAsStringAsync();
        Assert.DoesNotContain("王某某", json, StringComparison.Ordinal);
        Assert.DoesNotContain("patient", json, StringComparison.OrdinalIgnoreCase);
        var list = await (await p.Requester.GetAsync("/api/consultations?pageSize=1")).ReadAsync<Page<ConsultationListItem>>();
        Assert.Equal(HttpStatusCode.NotFound, (await guizhou.GetAsync($"/api/consultations/{list.Items[0].Id}")).StatusCode);
    }
}
