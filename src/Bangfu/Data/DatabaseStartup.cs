using Bangfu.Common;
using Bangfu.Data.Backup;
using Bangfu.Features.Accounts;
using Bangfu.Features.Demo;
using Bangfu.Features.Indicators;
using Microsoft.EntityFrameworkCore;

namespace Bangfu.Data;

/// What happens to the database before the server listens, and the command-line verbs that act on it.
public static class DatabaseStartup
{
    public const string MigrateCommand = "dotnet run --project src/Bangfu -- migrate";

    /// Runs `migrate`, `seed-demo`, `verify-audit`, `backup <file>` or `restore <file>` when asked; returns true when the
    /// process should exit afterwards.
    public static async Task<bool> RunCommandAsync(this WebApplication app, string[] args)
    {
        var verb = args.FirstOrDefault(a => !a.StartsWith('-') && !a.Contains('='));
        switch (verb)
        {
            case "migrate":
                await MigrateAsync(app);
                await BootstrapAsync(app, seedDemo: false);
                Console.WriteLine("数据库已迁移 / database migrated");
                return true;
            case "verify-audit":
                var verification = await AuditChain.VerifyAsync(app.Services.GetRequiredService<AppDbContextFactory>());
                Console.WriteLine(AuditChain.Describe(verification));
                Environment.ExitCode = verification.IsIntact ? 0 : 1;
                return true;
            case "seed-demo":
                // SQLite migrates itself (a fresh data folder has no tables yet); PostgreSQL is migrated by `migrate`.
                if (app.Services.GetRequiredService<BangfuOptions>().Database.Provider == DatabaseProvider.Sqlite)
                    await MigrateAsync(app);
                await BootstrapAsync(app, seedDemo: true);
                Console.WriteLine("演示数据已载入 / demo data loaded");
                return true;
            case "backup":
            case "restore":
                Environment.ExitCode = await BackupCommand.RunAsync(app.Services, verb, args.SkipWhile(a => a != verb).Skip(1).FirstOrDefault());
                return true;
            default:
                return false;
        }
    }

    /// SQLite migrates itself; PostgreSQL must have been migrated by the explicit command.
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<BangfuOptions>();
        if (options.Database.Provider == DatabaseProvider.Sqlite)
        {
            await MigrateAsync(app);
            await BootstrapAsync(app, seedDemo: options.Demo);
            return;
        }
        await using (var db = app.Services.GetRequiredService<AppDbContextFactory>().CreateDbContext())
        {
            var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
            if (pending.Count > 0)
            {
                throw new InvalidOperationException(
                    $"PostgreSQL 数据库尚未迁移（{pending.Count} 个待执行迁移）。请先运行：{MigrateCommand}\n" +
                    $"The PostgreSQL database is not migrated ({pending.Count} pending). Run first: {MigrateCommand}");
            }
        }
        await BootstrapAsync(app, seedDemo: false);
    }

    private static async Task MigrateAsync(WebApplication app)
    {
        await using var db = app.Services.GetRequiredService<AppDbContextFactory>().CreateDbContext();
        await db.Database.MigrateAsync();
    }

    private static async Task BootstrapAsync(WebApplication app, bool seedDemo)
    {
        // Rows from before the chain existed are linked first, before anything new is written (ADR 0015).
        await AuditChain.SealExistingAsync(app.Services.GetRequiredService<AppDbContextFactory>());
        await using var scope = app.Services.CreateAsyncScope();
        var generated = await scope.ServiceProvider.GetRequiredService<AdminBootstrap>().EnsureAsync();
        if (generated is not null)
        {
            Console.WriteLine("============================================================");
            Console.WriteLine($" 管理员账号 / administrator: {AdminBootstrap.AdminUserName}");
            Console.WriteLine($" 初始密码 / initial password: {generated}");
            Console.WriteLine(" 只显示这一次，请妥善保存。 / Shown once only: keep it safe.");
            Console.WriteLine("============================================================");
        }
        await IndicatorCatalogue.EnsureAsync(scope.ServiceProvider.GetRequiredService<AppDbContextFactory>());
        if (seedDemo)
            await scope.ServiceProvider.GetRequiredService<DemoData>().SeedIfEmptyAsync();
    }
}
