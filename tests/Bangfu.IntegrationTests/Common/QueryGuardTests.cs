using System.Net;
using Bangfu.Features.Demo;
using Bangfu.Features.Partnerships;
using Bangfu.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bangfu.IntegrationTests.Common;

/// What the malformed-corpus sweep found, one case each: a page link with a value of the wrong shape, a search for a
/// NUL (a 500 on PostgreSQL), and a multipart body without its boundary.
public sealed class QueryGuardTests(BangfuApp app) : IClassFixture<BangfuApp>
{
    [Theory]
    [InlineData("abc")]
    [InlineData("2147483648")]
    [InlineData("0.5")]
    public async Task A_page_link_whose_year_is_not_a_number_goes_to_the_page_without_it(string year)
    {
        var id = await TrusteeshipAsync();
        var browser = await app.CookieClientAsync();

        var response = await browser.GetAsync($"/partnerships/{id}/dashboard?year={year}&tab=x");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/partnerships/{id}/dashboard?tab=x", response.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(response.Headers.Location!.OriginalString)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/partnerships/{id}/dashboard?year=2018")).StatusCode);
    }

    [Theory]
    [InlineData("/api/people?q=%00")]
    [InlineData("/api/organizations?q=%E5%8C%BB%01")]
    [InlineData("/api/partnerships?q=%1B")]
    public async Task A_search_holding_a_control_character_is_a_field_error(string url)
    {
        var admin = await app.AdminAsync();
        await (await admin.GetAsync(url)).FieldErrorAsync("q");
    }

    [Fact]
    public async Task A_multipart_upload_without_its_boundary_is_a_field_error()
    {
        var id = await TrusteeshipAsync();
        var admin = await app.AdminAsync();
        var response = await admin.PostAsync($"/api/teleteaching/partnerships/{id}/courseware", new StringContent("--x\r\n", System.Text.Encoding.UTF8, "multipart/form-data"));
        await response.FieldErrorAsync("file");
    }

    private async Task<int> TrusteeshipAsync()
    {
        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DemoData>().SeedIfEmptyAsync();
        await using var db = app.Services.GetRequiredService<Bangfu.Data.AppDbContextFactory>().CreateDbContext();
        return await db.Partnerships.Where(p => p.Kind == PartnershipKind.Trusteeship).Select(p => p.Id).SingleAsync();
    }
}
