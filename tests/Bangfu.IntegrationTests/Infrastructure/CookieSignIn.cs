using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Bangfu.IntegrationTests.Infrastructure;

/// Signs in through the login page's form, as a browser does (the cookie, not a bearer token).
public static partial class CookieSignIn
{
    public static async Task<HttpClient> CookieClientAsync(this BangfuApp app, string userName = "admin", string password = BangfuApp.AdminPassword)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await PostLoginFormAsync(client, userName, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/auth/me")).StatusCode);
        return client;
    }

    public static async Task<HttpResponseMessage> PostLoginFormAsync(HttpClient client, string userName = "admin", string password = BangfuApp.AdminPassword)
    {
        var page = await (await client.GetAsync("/login")).Content.ReadAsStringAsync();
        return await client.PostAsync("/login", new FormUrlEncodedContent(
        [
            new("_handler", "login"),
            new("__RequestVerificationToken", FormToken(page)),
            new("Input.UserName", userName),
            new("Input.Password", password),
        ]));
    }

    /// The antiforgery token of the first form on a page.
    public static string FormToken(string html)
    {
        var token = TokenField().Match(html);
        Assert.True(token.Success, "the page carries a form with an antiforgery token");
        return WebUtility.HtmlDecode(token.Groups[1].Value);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
