using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Bangfu.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Bangfu.IntegrationTests.Common;

/// Issue 10 item 7: headers on every answer, Secure cookies over https, https and HSTS when enforced, and antiforgery on
/// every call a browser's cookie could be made to send (API writes, uploads, logout).
public sealed partial class SecurityHeaderTests(BangfuApp app) : IClassFixture<BangfuApp>
{
    [Fact]
    public async Task Pages_carry_a_policy_that_runs_only_our_own_scripts_and_are_never_cached()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var page = await client.GetAsync("/login");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);

        var csp = Header(page, "Content-Security-Policy");
        Assert.Contains("script-src 'self';", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.DoesNotContain("script-src 'self' 'unsafe-inline'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("object-src 'none'", csp);
        Assert.Equal("nosniff", Header(page, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(page, "X-Frame-Options"));
        Assert.Equal("same-origin", Header(page, "Referrer-Policy"));
        Assert.Equal("no-store", page.Headers.CacheControl?.ToString());

        // The page itself holds no inline script the policy would have to allow.
        var html = await page.Content.ReadAsStringAsync();
        Assert.DoesNotMatch(InlineScript(), html);
    }

    [Fact]
    public async Task Api_answers_and_problems_are_never_cached_but_static_files_may_be()
    {
        var client = await app.AdminAsync();
        var list = await client.GetAsync("/api/organizations");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal("no-store", list.Headers.CacheControl?.ToString());
        Assert.Equal("nosniff", Header(list, "X-Content-Type-Options"));

        var missing = await client.GetAsync("/api/organizations/987654");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("no-store", missing.Headers.CacheControl?.ToString());

        var css = await client.GetAsync("/app.css");
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.NotEqual("no-store", css.Headers.CacheControl?.ToString());
        Assert.Equal("nosniff", Header(css, "X-Content-Type-Options"));
    }

    [Fact]
    public async Task A_cookie_signed_in_api_write_needs_the_antiforgery_header_a_bearer_call_does_not()
    {
        var browser = await app.CookieClientAsync();
        var body = new { name = "防伪测试医院", kind = "GeneralHospital", regionCode = "510402" };

        // What a forged cross-site request looks like: the cookie, no token.
        var forged = await browser.PostAsJsonAsync("/api/organizations", body);
        var problem = await forged.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("请求缺少有效的防伪令牌，请刷新页面后重试。", problem["detail"]!.GetValue<string>());

        var token = await browser.GetFromJsonAsync<JsonObject>("/api/auth/antiforgery");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/organizations") { Content = JsonContent.Create(body) };
        request.Headers.Add(token!["headerName"]!.GetValue<string>(), token["token"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Created, (await browser.SendAsync(request)).StatusCode);

        var script = await app.AdminAsync();
        Assert.Equal(HttpStatusCode.Created, (await script.PostAsJsonAsync("/api/organizations", body with { name = "脚本医院" })).StatusCode);
    }

    [Fact]
    public async Task A_cookie_signed_in_upload_needs_the_antiforgery_header()
    {
        var browser = await app.CookieClientAsync();
        using var form = new MultipartFormDataContent { { new ByteArrayContent("%PDF-1.4"u8.ToArray()), "file", "a.pdf" } };
        var forged = await browser.PostAsync("/api/consultations/987654/attachments", form);
        await forged.ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Logout_without_the_token_of_our_own_form_signs_nobody_out()
    {
        var browser = await app.CookieClientAsync();

        var forged = await browser.PostAsync("/logout", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/auth/me")).StatusCode);

        var home = await (await browser.GetAsync("/")).Content.ReadAsStringAsync();
        var real = await browser.PostAsync("/logout", new FormUrlEncodedContent([new("__RequestVerificationToken", CookieSignIn.FormToken(home))]));
        Assert.Equal(HttpStatusCode.Redirect, real.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/auth/me")).StatusCode);
    }

    [Fact]
    public async Task Over_plain_http_the_cookie_is_not_secure_over_https_it_is()
    {
        var plain = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var plainCookie = await SignInCookieHeaderAsync(plain);
        Assert.DoesNotContain("secure", plainCookie, StringComparison.OrdinalIgnoreCase);

        var tls = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });
        var tlsCookie = await SignInCookieHeaderAsync(tls);
        Assert.Contains("secure", tlsCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", tlsCookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task When_enforced_http_redirects_to_https_which_sends_hsts_and_a_proxy_is_believed()
    {
        await using var enforced = app.WithWebHostBuilder(b => b
            .UseSetting("Bangfu:Https:Enforce", "true")
            .UseSetting("Bangfu:Https:BehindProxy", "true"));

        var plain = enforced.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var redirect = await plain.GetAsync("/login");
        Assert.Equal(HttpStatusCode.TemporaryRedirect, redirect.StatusCode);
        Assert.Equal("https://localhost/login", redirect.Headers.Location?.ToString());

        var tls = enforced.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });
        var page = await tls.GetAsync("/login");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.StartsWith("max-age=31536000", Header(page, "Strict-Transport-Security"));

        // nginx ended TLS and says so: the request counts as https, no redirect, and the cookie is Secure.
        var proxied = new HttpRequestMessage(HttpMethod.Get, "/login");
        proxied.Headers.Add("X-Forwarded-Proto", "https");
        Assert.Equal(HttpStatusCode.OK, (await plain.SendAsync(proxied)).StatusCode);
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(",", values)
            : "";

    /// Signs in through the login page, as a browser does, and answers the Set-Cookie of the sign-in cookie.
    private static async Task<string> SignInCookieHeaderAsync(HttpClient client)
    {
        var response = await CookieSignIn.PostLoginFormAsync(client);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("bangfu.auth=", StringComparison.Ordinal));
    }

    // A <script> element with a body (not one that only loads a file of ours).
    [GeneratedRegex("<script(?![^>]*\\bsrc=)[^>]*>\\s*\\S", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();
}
