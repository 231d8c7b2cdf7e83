using System.Net;
using System.Text;
using Bangfu.IntegrationTests.Infrastructure;

namespace Bangfu.IntegrationTests.Common;

/// Every failure of the API is an RFC 9457 problem, in Chinese unless the caller asks for English.
public sealed class ProblemTests(BangfuApp app) : IClassFixture<BangfuApp>
{
    [Fact]
    public async Task Not_found_is_a_problem_in_Chinese_by_default()
    {
        var client = await app.AdminAsync();
        var problem = await (await client.GetAsync("/api/organizations/987654")).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal("未找到", problem["title"]!.GetValue<string>());
        Assert.Equal("记录不存在，或您无权查看。", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Not_found_is_a_problem_in_English_with_accept_language_en()
    {
        var client = await app.AdminAsync();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var problem = await (await client.GetAsync("/api/organizations/987654")).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal("Not found", problem["title"]!.GetValue<string>());
        Assert.Equal("The record does not exist or you may not see it.", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Field_errors_are_in_English_with_accept_language_en()
    {
        var client = await app.AdminAsync();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var response = await client.PostRawJsonAsync("/api/organizations", """{"name":"X","kind":"GeneralHospital","regionCode":"51"}""");
        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("The request has invalid data", problem["title"]!.GetValue<string>());
        Assert.Equal("The region code must be 6 digits (GB/T 2260, e.g. 513423).", problem["errors"]!["regionCode"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Malformed_json_is_a_field_error_on_the_body()
    {
        var client = await app.AdminAsync();
        var messages = await (await client.PostRawJsonAsync("/api/organizations", "{\"name\": \"甲医院\", ")).FieldErrorAsync("body");
        Assert.Equal(["请求内容不是有效的 JSON。"], messages);
    }

    [Fact]
    public async Task Unknown_enum_name_is_a_field_error_on_that_field()
    {
        var client = await app.AdminAsync();
        var response = await client.PostRawJsonAsync("/api/organizations", """{"name":"甲医院","kind":"Clinic","regionCode":"510402"}""");
        await response.FieldErrorAsync("kind");
    }

    [Fact]
    public async Task Enum_as_a_number_is_refused_because_enums_travel_as_names()
    {
        var client = await app.AdminAsync();
        var response = await client.PostRawJsonAsync("/api/organizations", """{"name":"甲医院","kind":1,"regionCode":"510402"}""");
        await response.FieldErrorAsync("kind");
    }

    [Fact]
    public async Task Wrong_type_in_a_query_parameter_is_a_field_error_on_it()
    {
        var client = await app.AdminAsync();
        await (await client.GetAsync("/api/organizations?page=abc")).FieldErrorAsync("page");
        await (await client.GetAsync("/api/partnerships?kind=Friendship")).FieldErrorAsync("kind");
    }

    [Fact]
    public async Task Body_over_one_megabyte_is_a_413_problem()
    {
        var client = await app.AdminAsync();
        var body = "{\"name\":\"" + new string('x', 1024 * 1024 + 10) + "\"}";
        var problem = await (await client.PostRawJsonAsync("/api/organizations", body)).ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal("提交内容超过 1 MB 上限。", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Body_over_one_megabyte_without_a_length_is_a_413_problem_too()
    {
        var client = await app.AdminAsync();
        var bytes = Encoding.UTF8.GetBytes("{\"name\":\"" + new string('x', 1024 * 1024 + 10) + "\"}");
        // A non-seekable stream makes the client send the body in chunks, without Content-Length.
        var content = new StreamContent(new UnknownLengthStream(bytes));
        content.Headers.ContentType = new("application/json");

        var response = await client.PostAsync("/api/organizations", content);

        await response.ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Wrong_media_type_is_a_415_problem()
    {
        var client = await app.AdminAsync();
        var response = await client.PostAsync("/api/organizations", new StringContent("name=x", Encoding.UTF8, "text/plain"));
        await response.ProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Unsupported_method_is_a_405_problem()
    {
        var client = await app.AdminAsync();
        var response = await client.PatchAsync("/api/organizations/1", new StringContent("{}", Encoding.UTF8, "application/json"));
        await response.ProblemAsync(HttpStatusCode.MethodNotAllowed);
    }

    private sealed class UnknownLengthStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
