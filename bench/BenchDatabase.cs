using System.Reflection;
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

    /// A cached database (see CreateCachedAsync) is kept when the benchmark ends.
    private readonly bool _keep;

    public static IEnumerable<string> Providers =>
        Environment.GetEnvironmentVariable("BANGFU_BENCH_PG") is { Length: > 0 } ? ["Sqlite", "Postgres"] : ["Sqlite"];

    public AppDbContextFactory Factory { get; }
    public IServiceProvider Services => _services;

    private BenchDatabase(string provider, Action<IServiceCollection>? configure, string? sqliteFile = null, string? pgDatabase = null)
    {
        _keep = sqliteFile is not null || pgDatabase is not null;
        if (!_keep)
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
            _pgDatabase = pgDatabase ?? "bench_" + Guid.NewGuid().ToString("N");
            if (pgDatabase is null)
            {
                using var admin = new NpgsqlConnection(server);
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
            services.AddDbContextFactory<SqliteDbContext>(o => DatabaseSetup.ConfigureSqlite(o, $"Data Source={sqliteFile ?? Path.Combine(_dir, "b.db")}"));
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

    /// The directory where generated databases are kept between runs: BenchmarkDotNet.Artifacts/cache at the root of
    /// the repository (each benchmark runs in a process of its own, so generating once per class is not enough).
    public static string CacheDirectory
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Bangfu.slnx")))
                dir = dir.Parent;
            var cache = Path.Combine(dir?.FullName ?? Path.GetTempPath(), "BenchmarkDotNet.Artifacts", "cache");
            Directory.CreateDirectory(cache);
            return cache;
        }
    }

    /// A database generated once and kept: the SQLite file BenchmarkDotNet.Artifacts/cache/{name}.db, or the PostgreSQL
    /// database bench_cache_{name}. Delete it (or change the name) when the schema or the generator changes.
    public static async Task<BenchDatabase> CreateCachedAsync(string provider, string name, Func<BenchDatabase, Task> generate,
        Action<IServiceCollection>? configure = null)
    {
        // Named after the newest migration too, so a changed schema gets a fresh database.
        var newest = typeof(SqliteDbContext).Assembly.GetTypes()
            .Select(t => t.GetCustomAttribute<Microsoft.EntityFrameworkCore.Migrations.MigrationAttribute>()?.Id)
            .OfType<string>().Max(StringComparer.Ordinal)!;
        name = $"{name}_{newest[..14]}";
        if (provider == "Postgres")
        {
            var database = "bench_cache_" + name;
            await using (var admin = new NpgsqlConnection(Environment.GetEnvironmentVariable("BANGFU_BENCH_PG")))
            {
                await admin.OpenAsync();
                await using var exists = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = @d", admin);
                exists.Parameters.AddWithValue("d", database);
                var found = (long)(await exists.ExecuteScalarAsync())! > 0;
                if (found)
                {
                    // Ready only when the generation finished (it writes the marker table last).
                    var cs = new NpgsqlConnectionStringBuilder(admin.ConnectionString) { Database = database }.ToString();
                    await using var probe = new NpgsqlConnection(cs);
                    await probe.OpenAsync();
                    await using var ready = new NpgsqlCommand("SELECT to_regclass('bench_ready') IS NOT NULL", probe);
                    if ((bool)(await ready.ExecuteScalarAsync())!)
                        return new BenchDatabase(provider, configure, pgDatabase: database);
                    await probe.CloseAsync();
                    NpgsqlConnection.ClearPool(probe);
                    await using var drop = new NpgsqlCommand($"DROP DATABASE {database} WITH (FORCE)", admin);
                    await drop.ExecuteNonQueryAsync();
                }
                await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", admin);
                await create.ExecuteNonQueryAsync();
            }
            var db = new BenchDatabase(provider, configure, pgDatabase: database);
            await using (var ctx = db.Factory.CreateDbContext())
            {
                await ctx.Database.MigrateAsync();
                await generate(db);
                ctx.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
                await ctx.Database.ExecuteSqlRawAsync("CREATE TABLE bench_ready (x integer); ANALYZE;");
            }
            return db;
        }
        var file = Path.Combine(CacheDirectory, name + ".db");
        if (!File.Exists(file))
        {
            // Generated beside it and moved in when complete, so a stopped run leaves no half-filled database.
            var partial = file + "." + Guid.NewGuid().ToString("N") + ".tmp";
            await using (var fresh = new BenchDatabase(provider, configure, sqliteFile: partial))
            {
                await using (var ctx = fresh.Factory.CreateDbContext())
                    await ctx.Database.MigrateAsync();
                await generate(fresh);
                await using (var ctx = fresh.Factory.CreateDbContext())
                {
                    ctx.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
                    await ctx.Database.ExecuteSqlRawAsync("ANALYZE;");
                }
            }
            File.Move(partial, file);
        }
        return new BenchDatabase(provider, configure, sqliteFile: file);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        NpgsqlConnection.ClearAllPools();
        if (_keep)
            return;
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
