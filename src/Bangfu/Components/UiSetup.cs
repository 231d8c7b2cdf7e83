using Bangfu.Common;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using MudBlazor.Services;

namespace Bangfu.Components;

public static class UiSetup
{
    public static IServiceCollection AddBangfuUi(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddCascadingAuthenticationState();
        // A page left open checks its session again (logout elsewhere, a new password, a disabled account end it).
        services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, Features.Accounts.SessionRevalidation>();
        services.AddHttpContextAccessor();
        // Audit rows written by a page's events name the circuit's user and address.
        services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler, AuditCircuitHandler>();
        // Messages at the bottom: on a phone the top-right corner is the page's title.
        services.AddMudServices(o => o.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomCenter);
        return services;
    }

    public static WebApplication MapBangfuUi(this WebApplication app)
    {
        app.MapStaticAssets().AllowAnonymous();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

        // The language switch: a cookie read by request localization, then back to where the user was.
        app.MapGet("/culture", (string culture, string? redirect, HttpContext http) =>
        {
            var chosen = WebSetup.Cultures.FirstOrDefault(c => c.Name == culture) ?? WebSetup.Cultures[0];
            http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                new CookieOptions { MaxAge = TimeSpan.FromDays(365), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true, Secure = http.Request.IsHttps });
            // Only a clean path of this site: "/\evil" and "//evil" leave it, and LocalRedirect throws on them.
            return Results.LocalRedirect(redirect is ['/', ..] r && (r.Length == 1 || r[1] is not ('/' or '\\')) && !r.Any(char.IsControl) ? r : "/");
        }).AllowAnonymous();

        // Another site must not be able to sign a user out: the form carries the antiforgery token.
        app.MapPost("/logout", async (HttpContext http, IAntiforgery antiforgery, Features.Accounts.SessionService sessions) =>
        {
            await antiforgery.ValidateRequestAsync(http);
            await sessions.EndAllAsync(http.User);
            return Results.LocalRedirect("/login");
        });
        return app;
    }
}
