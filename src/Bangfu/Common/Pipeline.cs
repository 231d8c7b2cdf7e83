using Bangfu.Features.Accounts;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Scalar.AspNetCore;

namespace Bangfu.Common;

public static class Pipeline
{
    public static WebApplication UseBangfuPipeline(this WebApplication app)
    {
        // Real scheme and address, https and the security headers before anything can answer.
        app.UseBangfuTransport();
        // Localization next: problems written on the way out must see the caller's language.
        app.UseRequestLocalization();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<BodySizeLimitMiddleware>();
        app.UseMiddleware<PageQueryGuardMiddleware>();
        app.UseMiddleware<ApiQueryGuardMiddleware>();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseMiddleware<SessionCheckMiddleware>();
        // Every audit row the request writes names this caller and address.
        app.UseMiddleware<AuditCallerMiddleware>();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseMiddleware<CookieApiAntiforgeryMiddleware>();
        return app;
    }

    public static WebApplication MapBangfuHealth(this WebApplication app)
    {
        // Load balancers and scripts ask before they log in: it says only whether the database answers.
        app.MapHealthChecks("/health", new HealthCheckOptions()).AllowAnonymous();
        return app;
    }

    public static WebApplication MapBangfuApiDocs(this WebApplication app)
    {
        app.MapOpenApi();
        // Nothing may reach outside: no font CDN, no telemetry, no proxy.
        app.MapScalarApiReference(o =>
        {
            o.Title = "Bangfu API";
            o.DefaultFonts = false;
            o.Telemetry = false;
            o.HideClientButton = true;
        });
        return app;
    }

    public static void PrintWelcome(this WebApplication app) =>
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var urls = string.Join(" ", app.Urls);
            Console.WriteLine($"帮扶 Bangfu 已启动 / is running: {urls}");
            Console.WriteLine($"登录 / sign in as: {AdminBootstrap.AdminUserName} (密码见首次启动输出或 BANGFU_ADMIN_PASSWORD / password: first-start output or BANGFU_ADMIN_PASSWORD)");
        });
}
