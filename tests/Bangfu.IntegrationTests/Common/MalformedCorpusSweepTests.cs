using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using Bangfu.Features.Demo;
using Bangfu.IntegrationTests.Infrastructure;
using Bangfu.IntegrationTests.TestData;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using static Bangfu.IntegrationTests.Common.JsonBodies;

namespace Bangfu.IntegrationTests.Common;

/// Sends the malformed corpus to every route the running app has — API routes and pages, new ones included — and then
/// reads every GET route and page back. The corpus: broken and misshapen JSON envelopes (cut off, 10,000 deep, 3 MB,
/// invalid UTF-8, the wrong content type), each field of each body set in turn to what a careless or hostile client
/// sends for its type (control, bidi and lone-surrogate characters, 100,000 characters, formulas and markup, absurd
/// and impossible dates, numbers out of range, the wrong JSON kind), every route parameter and query parameter set to
/// the same, and uploads that are not uploads. Writes that succeed store what they were given, so the read-back finds
/// out whether a stored value breaks a later read, an export or a page. Never a 500, and every API error is a problem
/// (application/problem+json carrying its own status).
public sealed class MalformedCorpusSweepTests(BangfuApp app, ITestOutputHelper output) : IClassFixture<BangfuApp>
{
    [Fact]
    public async Task Every_route_answers_the_malformed_corpus_with_a_problem_never_a_500_and_every_read_afterwards_still_answers()
    {
        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DemoData>().SeedIfEmptyAsync();
        var admin = await app.AdminAsync();
        var ids = await ApiRouteWalk.RecordIdsAsync(app, admin);
        var host = await app.OrgAdminAsync(admin, int.Parse(ids["organizations/id"], CultureInfo.InvariantCulture));
        var browser = await app.CookieClientAsync();
        HttpClient[] users = [admin, host];
        var sweep = new Sweep();
        var routes = ApiRouteWalk.Routes(app);
        Assert.True(routes.Count > 60, $"only {routes.Count} routes found");
        var pages = Pages(app);
        Assert.True(pages.Count > 30, $"only {pages.Count} pages found");

        var clock = System.Diagnostics.Stopwatch.StartNew();
        foreach (var route in routes)
        {
            if (ApiRouteWalk.Fill(route.Route, ids, sweep.Failures) is not { } path)
                continue;
            // Route parameters out of range or not numbers at all.
            foreach (var (name, value) in RouteParameterCorpus(route.Route))
                await sweep.ApiAsync(admin, route, new HttpRequestMessage(new HttpMethod(route.Method), ReplaceParameter(route.Route, name, value, ids)), $"route parameter {name}={value}");
            // Query parameters.
            foreach (var (name, type) in QueryParameters(app, route))
                foreach (var value in QueryCorpus(type))
                    await sweep.ApiAsync(admin, route, new HttpRequestMessage(new HttpMethod(route.Method), $"{path}?{name}={value}"), $"query {name}={value}");
            if (route.Upload)
            {
                foreach (var (name, content) in UploadCorpus())
                    await sweep.ApiAsync(admin, route, new HttpRequestMessage(new HttpMethod(route.Method), path) { Content = content() }, name);
                continue;
            }
            if (route.Method is not ("POST" or "PUT"))
                continue;
            foreach (var (name, content) in EnvelopeCorpus())
                await sweep.ApiAsync(admin, route, new HttpRequestMessage(new HttpMethod(route.Method), path) { Content = content() }, name);
            if (route.BodyType is null || !IsObject(route.BodyType))
                continue;
            await SweepFieldsAsync(sweep, route, path, routes, ids, users);
        }

        var apiTime = clock.Elapsed;
        foreach (var page in pages)
        {
            if (ApiRouteWalk.Fill(page.Route, PageIds(ids), sweep.Failures) is not { } path)
                continue;
            foreach (var (name, value) in RouteParameterCorpus(page.Route))
                await sweep.PageAsync(browser, ReplaceParameter(page.Route, name, value, PageIds(ids)), $"route parameter {name}={value}");
            foreach (var (name, type) in page.Query)
                foreach (var value in QueryCorpus(type))
                    await sweep.PageAsync(browser, $"{path}?{name}={value}", $"query {name}={value}");
        }
        var sent = sweep.Calls;
        var pageTime = clock.Elapsed - apiTime;

        // The read-back: every GET route (in each scope and format it offers) and every page, as both users.
        foreach (var route in routes.Where(r => r.Method == "GET"))
        {
            if (ApiRouteWalk.Fill(route.Route, ids, sweep.Failures) is not { } path)
                continue;
            foreach (var query in ReadBackQueries(QueryParameters(app, route).Select(q => q.Name).ToHashSet(), ids))
                foreach (var user in users)
                    await sweep.ApiAsync(user, route, new HttpRequestMessage(HttpMethod.Get, path + query), "read back" + query);
        }
        foreach (var page in pages)
            if (ApiRouteWalk.Fill(page.Route, PageIds(ids), sweep.Failures) is { } path)
                await sweep.PageAsync(browser, path, "read back");

        output.WriteLine($"{routes.Count} API routes and {pages.Count} pages; {sent} malformed requests, of which {sweep.Stored} writes succeeded and stored " +
                         $"what they were given; then {sweep.Calls - sent} reads back. Answers: {string.Join(", ", sweep.Statuses.Select(s => $"{s.Key}×{s.Value}"))}; " +
                         $"{sweep.Statuses.Where(s => s.Key >= 500).Sum(s => s.Value)} × 5xx. Time: API {apiTime.TotalSeconds:F1} s, pages {pageTime.TotalSeconds:F1} s, " +
                         $"read-back {(clock.Elapsed - apiTime - pageTime).TotalSeconds:F1} s");
        Assert.True(sweep.Failures.Count == 0, $"{sweep.Failures.Distinct().Count()} failures:\n" + string.Join("\n", sweep.Failures.Distinct().Take(200)));
    }

    /// Each field of the route's body in turn set to the corpus of its type, the other fields as the record holds them
    /// (read back from the record a PUT changes, or from one of the kind a POST creates), or valid values where nothing
    /// can be read. The route is sent by the first user it lets in (the system administrator, else the host's).
    private static async Task SweepFieldsAsync(Sweep sweep, ApiRoute route, string path, List<ApiRoute> routes, Dictionary<string, string> ids, HttpClient[] users)
    {
        var source = route.Method == "PUT" ? path : Echo(route, routes, ids);
        HttpClient? user = null;
        JsonObject? template = null;
        foreach (var candidate in users)
        {
            template = (source is null ? null : await TemplateAsync(candidate, source, route.BodyType!)) ?? Valid(route.BodyType!, ids);
            if (route.Method == "PUT" && template["version"] is null && await CurrentVersionAsync(candidate, route.Route, path) is { } version)
                template["version"] = version;
            using var probe = new HttpRequestMessage(new HttpMethod(route.Method), path) { Content = Json(template.ToJsonString()) };
            using var answer = await candidate.SendAsync(probe);
            if (answer.StatusCode is not (HttpStatusCode.NotFound or HttpStatusCode.Forbidden))
            {
                user = candidate;
                break;
            }
        }
        if (user is null)
            return;
        foreach (var (field, type) in Leaves(route.BodyType!, template!, ""))
            foreach (var (name, raw) in FieldCorpus(type))
            {
                var body = template!.DeepClone().AsObject();
                const string marker = "\u00a7corpus\u00a7";
                if (!Set(body, field, marker))
                    continue;
                var json = body.ToJsonString().Replace($"\"{marker}\"", raw, StringComparison.Ordinal);
                if (await sweep.ApiAsync(user, route, new HttpRequestMessage(new HttpMethod(route.Method), path) { Content = Json(json) }, $"{field} = {name}"))
                {
                    // The record moved on (its version): read it again so that the next value reaches the handler too.
                    var fresh = route.Method == "PUT" ? await TemplateAsync(user, path, route.BodyType!) : null;
                    if (fresh is not null)
                        template = fresh;
                    else if (route.Method == "PUT" && await CurrentVersionAsync(user, route.Route, path) is { } version)
                        template!["version"] = version;
                }
            }
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// What the sweep sends and what fails.
    private sealed class Sweep
    {
        public List<string> Failures { get; } = [];
        public SortedDictionary<int, int> Statuses { get; } = [];
        public int Calls { get; private set; }
        public int Stored { get; private set; }

        /// Sends an API request; true when a write succeeded.
        public async Task<bool> ApiAsync(HttpClient client, ApiRoute route, HttpRequestMessage request, string what)
        {
            using (request)
            {
                using var response = await client.SendAsync(request);
                var status = Count(response);
                var answer = await response.Content.ReadAsStringAsync();
                var label = $"{route.Key} with {Shorten(what)}: {status}";
                if (status >= 500)
                    Failures.Add($"{label} {Shorten(answer)}");
                else if (status >= 400 && (response.Content.Headers.ContentType?.MediaType != "application/problem+json" || !IsProblem(answer, status)))
                    Failures.Add($"{label}, not a problem: {response.Content.Headers.ContentType?.MediaType} {Shorten(answer)}");
                var wrote = route.Method != "GET" && response.IsSuccessStatusCode;
                if (wrote)
                    Stored++;
                return wrote;
            }
        }

        /// Fetches a page as a signed-in browser does.
        public async Task PageAsync(HttpClient browser, string url, string what)
        {
            using var response = await browser.GetAsync(url);
            var status = Count(response);
            if (status >= 500)
                Failures.Add($"page {url} ({Shorten(what)}): {status}");
        }

        private int Count(HttpResponseMessage response)
        {
            Calls++;
            var status = (int)response.StatusCode;
            Statuses[status] = Statuses.GetValueOrDefault(status) + 1;
            return status;
        }

        private static string Shorten(string s) => s.Length > 160 ? s[..160] + "…" : s;
    }

    // ---- the corpus ----

    private static readonly string Huge = new('長', 20_000);

    /// Raw JSON values for a field of the given type (name, JSON text).
    private static IEnumerable<(string Name, string Raw)> FieldCorpus(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        IEnumerable<(string, string)> wrongKind = [("an object", "{}"), ("a list", "[1]")];
        if (t == typeof(string))
            return
            [
                ("a NUL", "\"a\\u0000b\""), ("a right-to-left override", "\"abc\\u202Efdp.exe\""),
                ("a lone surrogate", "\"x\\ud800y\""), ("20,000 characters", $"\"{Huge}\""),
                ("a formula and markup", "\"=HYPERLINK(\\\"http://x.invalid\\\",\\\"点我\\\")<script>alert(1)</script>&amp;'\""),
                ("astral characters", "\"𠮷野家😀\""), ("a number", "12"), ("an object", "{}"),
            ];
        if (t == typeof(DateOnly) || t == typeof(DateTime) || t == typeof(DateTimeOffset))
            return
            [
                ("year 1", "\"0001-01-01T00:00:00+14:00\""), ("year 9999", "\"9999-12-31\""), ("30 February", "\"2021-02-30\""), ("hour 25", "\"2021-01-01T25:61:00\""),
                ("a number", "20210101"),
            ];
        if (t == typeof(TimeOnly) || t == typeof(TimeSpan))
            return [("hour 25", "\"25:00\""), ("a negative time", "\"-01:00\""), ("an empty string", "\"\""), .. wrongKind];
        if (t == typeof(bool))
            return [("1", "1")];
        if (t.IsEnum)
            return [("an unknown name", "\"Nope\""), ("999", "999"), ("an object", "{}")];
        if (t == typeof(int) || t == typeof(long) || t == typeof(short) || t == typeof(decimal) || t == typeof(double) || t == typeof(float))
            return
            [
                ("-1", "-1"), ("2^31", "2147483648"), ("1e308", "1e308"), ("a string", "\"12\""), ("an object", "{}"),
            ];
        if (t == typeof(Guid))
            return [("not a guid", "\"nope\""), .. wrongKind];
        return wrongKind; // lists and objects: the wrong kind in their place
    }

    /// Whole bodies that are not what any route takes.
    private static IEnumerable<(string Name, Func<HttpContent> Content)> EnvelopeCorpus() =>
    [
        ("JSON cut off", () => Json("{\"name\":")),
        ("a JSON string", () => Json("\"x\"")),
        ("a number out of range", () => Json("1e999")),
        ("lists 10,000 deep", () => Json(new string('[', 10_000) + new string(']', 10_000))),
        ("a body over the limit", () => Json($"{{\"name\":\"{new string('a', 1024 * 1024)}\"}}")),
        ("invalid UTF-8", () => new ByteArrayContent([(byte)'{', (byte)'"', (byte)'n', (byte)'"', (byte)':', (byte)'"', 0xC3, 0x28, 0xFF, (byte)'"', (byte)'}'])
        {
            Headers = { ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json") },
        }),
        ("a NUL outside any string", () => Json("{\u0000}")),
        ("text/plain", () => new StringContent("{}", Encoding.UTF8, "text/plain")),
        ("a form", () => new FormUrlEncodedContent([new("name", "x")])),
        ("no body", () => new ByteArrayContent([]) { Headers = { ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json") } }),
    ];

    /// Uploads that are not uploads.
    private static IEnumerable<(string Name, Func<HttpContent> Content)> UploadCorpus() =>
    [
        ("a form without a file", () => new MultipartFormDataContent { { new StringContent("x"), "category" } }),
        ("an empty file", () => new MultipartFormDataContent { { new ByteArrayContent([]), "file", "空.pdf" } }),
        ("a file named with control and bidi characters", () => new MultipartFormDataContent
        {
            { new ByteArrayContent("%PDF-1.4\n%%EOF\n"u8.ToArray()), "file", "a\u0001\u202Efdp.exe" },
            { new StringContent("Nope"), "category" },
        }),
        ("a file without a name", () => new MultipartFormDataContent { { new ByteArrayContent("%PDF-1.4\n%%EOF\n"u8.ToArray()), "file", "\"\"" } }),
        ("JSON where a form belongs", () => Json("{}")),
        ("a multipart body without a boundary", () => new StringContent("--x\r\n", Encoding.UTF8, "multipart/form-data")),
    ];

    // No NUL: Kestrel refuses a path holding one before the app sees it (and the test host throws).
    private static readonly string[] RouteValues = ["0", "2147483648", "abc", "%2E%2E", "%E2%80%AE", new string('9', 400)];

    private static IEnumerable<(string Name, string Value)> RouteParameterCorpus(string route) =>
        ParameterNames(route).SelectMany(name => RouteValues.Select(v => (name, v)));

    /// URL-encoded query values for a query parameter of the given type.
    private static IEnumerable<string> QueryCorpus(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        string[] common = ["", "%00", "%ED%A0%80", "abc"];
        if (t == typeof(string))
            return [.. common, "%E2%80%AE'%22%3Cscript%3E", new string('x', 10_000), "9999-12-31"];
        if (t == typeof(DateOnly) || t == typeof(DateTime) || t == typeof(DateTimeOffset))
            return [.. common, "0001-01-01", "9999-12-31", "2021-02-30"];
        if (t.IsEnum)
            return [.. common, "999"];
        return [.. common, "-1", "2147483648", "0.5"];
    }

    // ---- the read-back ----

    /// The query strings each GET route is read back with: each scope it offers on its own (partnership, hospital,
    /// region) in each format it offers, with a period around the demo's.
    private static readonly string[] Period = ["from=2017-01-01", "to=2019-12-31", "year=2018"];

    private static IEnumerable<string> ReadBackQueries(HashSet<string> names, Dictionary<string, string> ids)
    {
        var scopes = new List<string> { "" };
        if (names.Contains("partnershipId"))
            scopes.Add($"partnershipId={ids["partnerships/id"]}");
        if (names.Contains("organizationId"))
            scopes.Add($"organizationId={ids["organizations/id"]}");
        if (names.Contains("regionCode"))
            scopes.Add($"regionCode={ids["regions/code"]}");
        string[] formats = names.Contains("format") ? ["", "format=json", "format=docx", "format=xlsx"] : [""];
        var period = string.Join("&", Period.Where(p => names.Contains(p.Split('=')[0])));
        foreach (var scope in scopes)
            foreach (var format in formats)
            {
                var query = string.Join("&", new[] { scope, format, period }.Where(p => p.Length > 0));
                yield return query.Length == 0 ? "" : "?" + query;
            }
    }

    // ---- routes, pages and their parameters ----

    private sealed record Page(string Route, List<(string Name, Type Type)> Query);

    /// Every page (a routable component) with the query parameters it takes.
    private static List<Page> Pages(BangfuApp app) =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ComponentTypeMetadata>() is not null && e.RoutePattern.RawText is { } raw
                && !raw.StartsWith("/api/", StringComparison.Ordinal) && raw is not ("/login" or "/logout"))
            .Select(e => new Page(e.RoutePattern.RawText!, e.Metadata.GetMetadata<ComponentTypeMetadata>()!.Type
                .GetProperties(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)
                .Where(p => p.GetCustomAttribute<SupplyParameterFromQueryAttribute>() is not null)
                .Select(p => (p.GetCustomAttribute<SupplyParameterFromQueryAttribute>()!.Name ?? p.Name, p.PropertyType)).ToList()))
            .DistinctBy(p => p.Route)
            .OrderBy(p => p.Route, StringComparer.Ordinal)
            .ToList();

    /// The ids of the API walk under the names the pages give their parameters.
    private static Dictionary<string, string> PageIds(Dictionary<string, string> ids) =>
        new(ids, StringComparer.OrdinalIgnoreCase)
        {
            ["*/personId"] = ids["people/id"],
            ["*/organizationId"] = ids["organizations/id"],
            ["*/regionCode"] = ids["regions/code"],
            ["log/id"] = ids["activities/id"],
        };

    /// The query parameters of an API route's handler: simple values that are not route values, services or the body.
    private static IEnumerable<(string Name, Type Type)> QueryParameters(BangfuApp app, ApiRoute route)
    {
        var endpoint = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .First(e => e.RoutePattern.RawText == route.Route && (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Contains(route.Method));
        if (endpoint.Metadata.GetMetadata<MethodInfo>() is not { } handler)
            yield break;
        var routeNames = endpoint.RoutePattern.Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var p in handler.GetParameters())
        {
            if (p.GetCustomAttribute<FromQueryAttribute>() is { } fromQuery)
            {
                yield return (fromQuery.Name ?? p.Name!, p.ParameterType);
                continue;
            }
            if (routeNames.Contains(p.Name!) || p.GetCustomAttributes().Any(a => a is FromBodyAttribute or FromRouteAttribute or FromServicesAttribute or FromFormAttribute or FromHeaderAttribute)
                || !IsSimple(p.ParameterType))
                continue;
            yield return (p.Name!, p.ParameterType);
        }
    }

    private static bool IsSimple(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal) || t == typeof(DateOnly) || t == typeof(DateTime)
               || t == typeof(DateTimeOffset) || t == typeof(TimeOnly) || t == typeof(Guid);
    }

    private static IEnumerable<string> ParameterNames(string route) =>
        System.Text.RegularExpressions.Regex.Matches(route, @"\{(\w+)(:[^}]*)?\}").Select(m => m.Groups[1].Value);

    /// The route filled with the walk's ids but for one parameter, which gets <paramref name="value"/>.
    private static string ReplaceParameter(string route, string name, string value, Dictionary<string, string> ids) =>
        ApiRouteWalk.Fill(route, ids, [], (name, value))!;

    // ---- bodies ----

    /// A body of the request type with a valid value in each field: the demo's records where a field names one.
    private static JsonObject Valid(Type type, Dictionary<string, string> ids)
    {
        var known = KnownIds(ids);
        var body = new JsonObject();
        foreach (var p in Properties(type))
            body[Name(p)] = ValidValue(Name(p), p.PropertyType, known, ids);
        return body;
    }

    private static JsonNode? ValidValue(string name, Type type, Dictionary<string, string> known, Dictionary<string, string> ids)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (known.TryGetValue(name, out var id) && t == typeof(int))
            return int.Parse(id, CultureInfo.InvariantCulture);
        if (name.Equals("regionCode", StringComparison.OrdinalIgnoreCase))
            return ids["regions/code"];
        if (t == typeof(string))
            return "测试";
        if (t == typeof(DateOnly))
            return "2018-06-01";
        if (t == typeof(DateTime) || t == typeof(DateTimeOffset))
            return "2018-06-01T09:00:00+08:00";
        if (t == typeof(TimeOnly))
            return "09:00";
        if (t == typeof(bool))
            return false;
        if (t.IsEnum)
            return Enum.GetNames(t)[0];
        if (t.IsPrimitive || t == typeof(decimal))
            return name == "version" ? 0 : 1;
        if (IsList(t, out _))
            return new JsonArray();
        return IsObject(t) ? Valid(t, ids) : null;
    }

    /// The simple fields of the body, those inside objects and inside the first object of a list too
    /// ("parties.0.startDate"), with their types.
    private static IEnumerable<(string Field, Type Type)> Leaves(Type type, JsonObject body, string prefix)
    {
        foreach (var p in Properties(type))
        {
            var name = Name(p);
            var t = Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType;
            yield return (prefix + name, p.PropertyType);
            if (IsList(t, out var item) && IsObject(item) && body[name] is JsonArray { Count: > 0 } list && list[0] is JsonObject first)
                foreach (var leaf in Leaves(item, first, $"{prefix}{name}.0."))
                    yield return leaf;
            else if (IsObject(t) && body[name] is JsonObject inner)
                foreach (var leaf in Leaves(t, inner, $"{prefix}{name}."))
                    yield return leaf;
        }
    }

    /// Puts the value at the field's path; false when the path is not in the body.
    private static bool Set(JsonObject body, string field, string value)
    {
        JsonNode node = body;
        var names = field.Split('.');
        foreach (var name in names[..^1])
        {
            JsonNode? next = node is JsonArray a && int.TryParse(name, CultureInfo.InvariantCulture, out var i) ? a[i] : node[name];
            if (next is null)
                return false;
            node = next;
        }
        node[names[^1]] = value;
        return true;
    }
}
