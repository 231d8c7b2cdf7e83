using Bangfu.Common;
using Bangfu.Features.Demo;
using Bangfu.Features.Referrals;
using Bangfu.Features.Transport;
using Bangfu.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Bangfu.IntegrationTests.Features.Referrals;

public sealed class DemoReferralTests(BangfuApp app) : IClassFixture<BangfuApp>
{
    [Fact]
    public async Task The_demo_holds_the_newborn_transport_centre_with_two_ambulances_and_referrals_to_work_on()
    {
        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DemoData>().SeedIfEmptyAsync();
        var sx = await app.ClientForAsync("sx.coord", BangfuApp.AdminPassword);
        var queue = await (await sx.GetAsync("/api/referrals/incoming")).ReadAsync<Page<ReferralListItem>>();
        Assert.Equal(3, queue.Total);
        Assert.Equal((ReferralPriority.Urgent, ReferralStatus.Submitted), (queue.Items[0].Priority, queue.Items[0].Status));
        var centre = Assert.Single(await (await sx.GetAsync("/api/transport/centres?mine=true")).ReadAsync<List<CentreDto>>());
        Assert.Equal(2, centre.VehicleCount);
        var requests = await (await sx.GetAsync("/api/transport/requests")).ReadAsync<List<TransportRequestItem>>();
        Assert.Equal(2, requests.Count);
        var completed = queue.Items.Single(i => i.Status == ReferralStatus.Completed);
        var detail = await (await sx.GetAsync($"/api/referrals/{completed.Id}")).ReadAsync<ReferralDto>();
        Assert.Single(detail.BackReferralIds);
        Assert.NotNull(detail.Transport?.HandedOverAt);
    }
}
