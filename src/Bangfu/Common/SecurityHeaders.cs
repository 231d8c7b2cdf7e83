using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.HttpOverrides;

namespace Bangfu.Common;

/// Transport settings (<c>Bangfu:Https</c>): off by default so the two-command start works on plain http://localhost;
/// a deployment behind TLS turns on <see cref="Enforce"/> (and <see cref="BehindProxy"/> when nginx ends TLS).
public sealed class HttpsOptions
{
    public const string Section = "Bangfu:Https";

    /// Redirect http to https and send HSTS.
    public bool Enforce { get; set; }

    /// The port browsers reach https on (the redirect target).
    public int Port { get; set; } = 443;

    /// A reverse proxy ends TLS: trust its X-Forwarded-Proto/For so cookies are Secure and addresses are real.
    public bool BehindProxy { get; set; }

    public int HstsMaxAgeDays { get; set; } = 365;
}

/// Headers every response carries (ADR 0016): a Content-Security-Policy that lets only our own files run, no framing,
/// no sniffing, no referrer to other sites, and no caching of anything that may carry patient data (every API answer
/// and every page).
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    // Blazor's own script is a file (blazor.web.js) and it needs no eval or inline script; MudBlazor sets inline
    // styles on elements, which style-src must allow. The circuit is a same-origin WebSocket ('self' covers ws/wss).
    public const string AppPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    // The API reference page (Scalar) is one bundled file that starts itself with an inline script; it shows no patient
    // data and is still kept from framing and from reaching other hosts.
    public const string DocsPolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext http)
    {
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            var docs = http.Request.Path.StartsWithSegments("/scalar");
            headers.ContentSecurityPolicy = docs ? DocsPolicy : AppPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            if (CarriesRecords(http))
            {
                headers.CacheControl = "no-store";
                headers.Pragma = "no-cache";
            }
            return Task.CompletedTask;
        });
        return next(http);
    }

    // Static assets (fingerprinted files, Blazor's script) may be cached; every API answer, download and page may hold a
    // patient's name or a hospital's figures and must not stay in a shared or browser cache.
    private static bool CarriesRecords(HttpContext http)
    {
        if (http.Request.Path.StartsWithSegments("/api"))
            return true;
        var type = http.Response.ContentType;
        return type is not null && type.StartsWith("text/html", StringComparison.OrdinalIgnoreCase);
    }
}

/// A browser's cookie is sent by any site that makes it post: every state-changing API call authenticated by the cookie
/// (not by a Bearer header, which another site cannot add) must carry the antiforgery token in its header, uploads
/// included. Form posts of our own pages are validated by Blazor's antiforgery as before.
public sealed class CookieApiAntiforgeryMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http, IAntiforgery antiforgery)
    {
        if (NeedsToken(http))
            await antiforgery.ValidateRequestAsync(http);
        await next(http);
    }

    private static bool NeedsToken(HttpContext http)
    {
        if (!http.Request.Path.StartsWithSegments("/api"))
            return false;
        if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || HttpMethods.IsOptions(http.Request.Method))
            return false;
        if (http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return false;
        // Signing in sets the cookie; before that there is nothing to forge.
        return http.User.Identity?.IsAuthenticated == true;
    }
}

public sealed record AntiforgeryTokenResponse(string HeaderName, string Token);

public static class SecuritySetup
{
    public const string AntiforgeryHeader = "RequestVerificationToken";

    public static IServiceCollection AddBangfuSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        var https = configuration.GetSection(HttpsOptions.Section).Get<HttpsOptions>() ?? new HttpsOptions();
        services.AddSingleton(https);
        services.AddAntiforgery(o =>
        {
            o.HeaderName = AntiforgeryHeader;
            o.Cookie.Name = "bangfu.af";
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.Cookie.SameSite = SameSiteMode.Strict;
        });
        if (https.Enforce)
        {
            services.AddHsts(o =>
            {
                o.MaxAge = TimeSpan.FromDays(https.HstsMaxAgeDays);
                o.IncludeSubDomains = false;
                // A deployment that enforces HTTPS wants HSTS on whatever name it is reached by, localhost included.
                o.ExcludedHosts.Clear();
            });
            services.AddHttpsRedirection(o => o.HttpsPort = https.Port);
        }
        if (https.BehindProxy)
        {
            services.Configure<ForwardedHeadersOptions>(o =>
            {
                o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
                // The proxy is configured by the operator (loopback by default); only its headers are believed.
            });
        }
        return services;
    }

    /// Runs before everything else: real scheme and address first, then https, then the headers.
    public static WebApplication UseBangfuTransport(this WebApplication app)
    {
        var https = app.Services.GetRequiredService<HttpsOptions>();
        if (https.BehindProxy)
            app.UseForwardedHeaders();
        if (https.Enforce)
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }
        app.UseMiddleware<SecurityHeadersMiddleware>();
        return app;
    }

    /// A script or page that calls the API with the sign-in cookie asks for the token here and sends it back in the
    /// <see cref="AntiforgeryHeader"/> header.
    public static WebApplication MapBangfuSecurity(this WebApplication app)
    {
        app.MapGet("/api/auth/antiforgery", (HttpContext http, IAntiforgery antiforgery) =>
        {
            var tokens = antiforgery.GetAndStoreTokens(http);
            return TypedResults.Ok(new AntiforgeryTokenResponse(AntiforgeryHeader, tokens.RequestToken!));
        });
        return app;
    }
}
