using Bangfu.Common;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Bangfu.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

public sealed class BangfuOptions
{
    public string DataDir { get; set; } = "data";
    public DatabaseOptions Database { get; set; } = new();

    /// Load the demo partnerships into an empty embedded database (and into PostgreSQL only on `seed-demo`).
    public bool Demo { get; set; } = true;

    /// The Data Protection key ring (sign-in cookies, bearer tokens).
    public string KeyRingDir => Path.Combine(Path.GetFullPath(DataDir), "keys");
}

public sealed class DatabaseOptions
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
}

/// Hands out contexts of whichever provider is configured, stamped with the caller and the clock.
public sealed class AppDbContextFactory(IServiceProvider services, DatabaseProvider provider, TimeProvider clock) : IDbContextFactory<AppDbContext>
{
    public DatabaseProvider Provider { get; } = provider;

    public AppDbContext CreateDbContext()
    {
        AppDbContext db = Provider == DatabaseProvider.Sqlite
            ? services.GetRequiredService<IDbContextFactory<SqliteDbContext>>().CreateDbContext()
            : services.GetRequiredService<IDbContextFactory<PostgresDbContext>>().CreateDbContext();
        db.Clock = clock;
        return db;
    }

    public AppDbContext CreateFor(AccessScope scope)
    {
        var db = CreateDbContext();
        db.Actor = scope.UserName;
        return db;
    }
}

public static class DatabaseSetup
{
    public static BangfuOptions ReadBangfuOptions(this IConfiguration configuration) =>
        configuration.GetSection("Bangfu").Get<BangfuOptions>() ?? new BangfuOptions();

    public static IServiceCollection AddBangfuData(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.ReadBangfuOptions();
        services.AddSingleton(options);
        // The data directory holds the database, the keys and patients' files: nobody but the service account reads it.
        OwnerOnly.Folder(Path.GetFullPath(options.DataDir));
        // Sign-in cookies and bearer tokens must survive a restart: keep the keys beside the data.
        services.AddDataProtection().SetApplicationName("Bangfu")
            .PersistKeysToFileSystem(new DirectoryInfo(OwnerOnly.Folder(options.KeyRingDir)));
        var connectionString = ConnectionString(configuration, options);
        if (options.Database.Provider == DatabaseProvider.Sqlite)
            CreateOwnerOnly(connectionString);
        if (options.Database.Provider == DatabaseProvider.Sqlite)
            services.AddDbContextFactory<SqliteDbContext>(o => ConfigureSqlite(o, connectionString));
        else
            services.AddDbContextFactory<PostgresDbContext>(o => ConfigurePostgres(o, connectionString));
        services.AddSingleton(sp => new AppDbContextFactory(sp, options.Database.Provider, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IDbContextFactory<AppDbContext>>(sp => sp.GetRequiredService<AppDbContextFactory>());
        // Identity's stores want a scoped context.
        services.AddScoped(sp => sp.GetRequiredService<AppDbContextFactory>().CreateDbContext());
        return services;
    }

    public static string ConnectionString(IConfiguration configuration, BangfuOptions options)
    {
        var configured = configuration.GetConnectionString("Bangfu");
        if (!string.IsNullOrWhiteSpace(configured))
            return configured;
        if (options.Database.Provider == DatabaseProvider.Postgres)
            throw new InvalidOperationException("Bangfu__Database__Provider=Postgres needs ConnectionStrings__Bangfu (e.g. Host=127.0.0.1;Database=bangfu;Username=postgres).");
        var dir = OwnerOnly.Folder(Path.GetFullPath(options.DataDir));
        return new SqliteConnectionStringBuilder { DataSource = Path.Combine(dir, "bangfu.db"), ForeignKeys = true }.ToString();
    }

    /// SQLite makes its -wal and -shm files with the database file's mode, so the first file decides for all three.
    private static void CreateOwnerOnly(string connectionString)
    {
        var file = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (file.Length == 0 || file == ":memory:" || file.StartsWith("file:", StringComparison.Ordinal))
            return;
        file = Path.GetFullPath(file);
        // Only a folder we make is narrowed: the database may sit in a folder other programs share.
        if (!Directory.Exists(Path.GetDirectoryName(file)))
            OwnerOnly.Folder(Path.GetDirectoryName(file)!);
        using (new FileStream(file, OwnerOnly.NewFile(FileMode.OpenOrCreate, asynchronous: false)))
            OwnerOnly.Narrow(file);
    }

    public static void ConfigureSqlite(DbContextOptionsBuilder o, string connectionString) =>
        o.UseSqlite(connectionString, s => s.MigrationsAssembly(typeof(SqliteDbContext).Assembly.FullName))
            .ConfigureWarnings(w => w.Ignore(CoreEventId.PossibleIncorrectRequiredNavigationWithQueryFilterInteractionWarning));

    public static void ConfigurePostgres(DbContextOptionsBuilder o, string connectionString) =>
        o.UseNpgsql(connectionString)
            .ConfigureWarnings(w => w.Ignore(CoreEventId.PossibleIncorrectRequiredNavigationWithQueryFilterInteractionWarning));
}
