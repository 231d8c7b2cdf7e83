using Bangfu.Data;
using Bangfu.Features.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Bangfu.Bench;

/// A throwaway database for one benchmark class: a SQLite file, or a fresh database on the PostgreSQL server named
/// by BANGFU_BENCH_PG (e.g. "Host=127.0.0.1;Port=55432;Username=postgres").
public sealed class BenchDatabase : IAsyncDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "bangfu-bench-" + Guid.NewGuid().ToString("N"));
    private readonly string? _pgDatabase;
    private readonly ServiceProvider _services;

    public static IEnumerable<string> Providers =>
        Environment.GetEnvironmentVariable("BANGFU_BENCH_PG") is { Length: > 0 } ? ["Sqlite", "Postgres"] : ["Sqlite"];

    public AppDbContextFactory Factory { get; }
    public IServiceProvider Services => _services;

    private BenchDatabase(string provider, Action<IServiceCollection>? configure)
    {
        Directory.CreateDirectory(_dir);
        var services = new ServiceCollection();
        services.AddSingleton(TimeProvider.System);
        services.AddLogging();
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        // The Identity part of the model depends on these options, as in the app.
        services.Configure<IdentityOptions>(AccountSetup.ConfigureIdentity);
        if (provider == "Postgres")
        {
            var server = Environment.GetEnvironmentVariable("BANGFU_BENCH_PG")!;
            _pgDatabase = "bench_" + Guid.NewGuid().ToString("N");
            using (var admin = new NpgsqlConnection(server))
            {
                admin.Open();
                using var cmd = new NpgsqlCommand($"CREATE DATABASE {_pgDatabase}", admin);
                cmd.ExecuteNonQuery();
            }
            var cs = new NpgsqlConnectionStringBuilder(server) { Database = _pgDatabase }.ToString();
            services.AddDbContextFactory<PostgresDbContext>(o => DatabaseSetup.ConfigurePostgres(o, cs));
            services.AddSingleton(sp => new AppDbContextFactory(sp, DatabaseProvider.Postgres, TimeProvider.System));
        }
        else
        {
            services.AddDbContextFactory<SqliteDbContext>(o => DatabaseSetup.ConfigureSqlite(o, $"Data Source={Path.Combine(_dir, "b.db")}"));
            services.AddSingleton(sp => new AppDbContextFactory(sp, DatabaseProvider.Sqlite, TimeProvider.System));
        }
        configure?.Invoke(services);
        _services = services.BuildServiceProvider();
        Factory = _services.GetRequiredService<AppDbContextFactory>();
    }

    public static async Task<BenchDatabase> CreateAsync(string provider, Action<IServiceCollection>? configure = null)
    {
        var db = new BenchDatabase(provider, configure);
        await using var ctx = db.Factory.CreateDbContext();
        await ctx.Database.MigrateAsync();
        return db;
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        NpgsqlConnection.ClearAllPools();
        if (_pgDatabase is not null)
        {
            await using var admin = new NpgsqlConnection(Environment.GetEnvironmentVariable("BANGFU_BENCH_PG"));
            await admin.OpenAsync();
            await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_pgDatabase} WITH (FORCE)", admin);
            await cmd.ExecuteNonQueryAsync();
        }
        Directory.Delete(_dir, recursive: true);
    }
}
