using Bangfu.Features.Indicators;
using Bangfu.Features.Referrals;
using Bangfu.IntegrationTests.Infrastructure;
using Bangfu.IntegrationTests.TestData;

namespace Bangfu.IntegrationTests.Features.Referrals;

public sealed class DownReferralIndicatorTests(BangfuApp app) : IClassFixture<BangfuApp>
{
    [Fact]
    public async Task Down_referrals_count_the_sent_patients_received_in_the_period()
    {
        var admin = await app.AdminAsync();
        var s = await app.SetUpReferralsAsync(admin);
        async Task<ReferralDto> ArrivedAsync(SaveReferralRequest request)
        {
            var r = await s.AcceptedAsync(request);
            await s.Sender.ActAsync(r.Id, "depart");
            return await s.Receiver.ActAsync(r.Id, "receive");
        }
        await ArrivedAsync(s.Down());
        var completed = await ArrivedAsync(s.Down());
        await s.Receiver.ActAsync(completed.Id, "complete");
        await ArrivedAsync(s.Up());          // an up-referral is not a down-referral
        await s.AcceptedAsync(s.Down());     // not arrived yet

        var today = TimeProvider.System.GetLocalNow();
        var year = Assert.Single(await admin.ValuesAsync(s.SenderId, $"{today.Year}", code: IndicatorCatalogue.DownReferrals));
        Assert.Equal(2m, year.Value);
        Assert.Equal(ValueSource.Computed, year.Source);
        var month = Assert.Single(await admin.ValuesAsync(s.SenderId, $"{today:yyyy-MM}", code: IndicatorCatalogue.DownReferrals));
        Assert.Equal(2m, month.Value);
        Assert.Equal(0m, Assert.Single(await admin.ValuesAsync(s.SenderId, $"{today.Year - 1}", code: IndicatorCatalogue.DownReferrals)).Value);
        // The receiver sent none.
        Assert.Equal(0m, Assert.Single(await admin.ValuesAsync(s.ReceiverId, $"{today.Year}", code: IndicatorCatalogue.DownReferrals)).Value);
        await (await admin.PostValuesAsync(s.SenderId, (IndicatorCatalogue.DownReferrals, $"{today.Year}", 3m))).FieldErrorAsync("values[0].code");
    }
}
