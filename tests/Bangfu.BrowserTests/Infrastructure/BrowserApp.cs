using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Playwright;

namespace Bangfu.BrowserTests.Infrastructure;

/// A real Kestrel on a free loopback port, with the demo data of a first start, and Debian's chromium driven by
/// Playwright. One per test class.
public sealed class BrowserApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminPassword = "Admin#Browser2026";

    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "bangfu-bt-" + Guid.NewGuid().ToString("N"));
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";

    public static string ScreenshotDir =>
        Environment.GetEnvironmentVariable("BANGFU_SCREENSHOTS") is { Length: > 0 } dir ? dir : Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dataDir);
        UseKestrel(0);
        StartServer();
        BaseUrl = ClientOptions.BaseAddress.ToString().TrimEnd('/');
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
        });
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // Outside Development the framework serves package assets (MudBlazor, blazor.web.js) only when told to.
        builder.UseStaticWebAssets();
        builder.UseSetting("Bangfu:Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:Bangfu", $"Data Source={Path.Combine(_dataDir, "bangfu.db")};Foreign Keys=True");
        builder.UseSetting("Bangfu:DataDir", _dataDir);
        builder.UseSetting("Bangfu:Demo", "true");
        builder.UseSetting("BANGFU_ADMIN_PASSWORD", AdminPassword);
        // Every test signs in from one address; the per-address limit has its own test (SessionTests).
        builder.UseSetting("Bangfu:Accounts:SignInPerAddressPerMinute", "100000");
    }

    public async Task<IPage> NewPageAsync(int width = 1366, int height = 900, string locale = "zh-CN")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = locale,
            IsMobile = width < 500,
            HasTouch = width < 500,
        });
        context.SetDefaultTimeout(15000);
        return await context.NewPageAsync();
    }

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotDir);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDir, name + ".png"), FullPage = true });
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (Browser is not null)
            await Browser.DisposeAsync();
        _playwright?.Dispose();
        await base.DisposeAsync();
        try { Directory.Delete(_dataDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
