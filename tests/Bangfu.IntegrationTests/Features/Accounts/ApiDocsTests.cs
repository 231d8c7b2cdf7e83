using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Bangfu.IntegrationTests.Infrastructure;

namespace Bangfu.IntegrationTests.Features.Accounts;

public sealed partial class ApiDocsTests(BangfuApp app) : IClassFixture<BangfuApp>
{
    [Fact]
    public async Task OpenApi_document_is_version_3_1_for_a_signed_in_caller()
    {
        var client = await app.AdminAsync();
        var response = await client.GetAsync("/openapi/v1.json");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"openapi\": \"3.1", body, StringComparison.Ordinal);
        var doc = JsonNode.Parse(body)!.AsObject();
        Assert.True(doc["paths"]!.AsObject().ContainsKey("/api/partnerships/{id}/agreements"));
    }

    [Fact]
    public async Task Scalar_page_loads_only_local_scripts()
    {
        var client = await app.AdminAsync();
        var response = await client.GetAsync("/scalar/");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sources = ScriptSource().Matches(html).Select(m => m.Groups["src"].Value).ToList();
        Assert.NotEmpty(sources);
        Assert.All(sources, src => Assert.DoesNotMatch("^(https?:)?//", src));
        Assert.DoesNotContain("cdn.jsdelivr", html, StringComparison.OrdinalIgnoreCase);
    }

    [GeneratedRegex("<script[^>]*\\ssrc=[\"'](?<src>[^\"']*)[\"']", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptSource();
}
