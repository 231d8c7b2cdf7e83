using Bangfu.Features.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Bangfu.Data;

// Used only by `dotnet ef`; the connection strings never reach a server while migrations are generated.
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteDbContext>
{
    public SqliteDbContext CreateDbContext(string[] args)
    {
        var o = new DbContextOptionsBuilder<SqliteDbContext>();
        DatabaseSetup.ConfigureSqlite(o, "Data Source=design.db");
        o.UseApplicationServiceProvider(DesignTimeServices.Identity);
        return new SqliteDbContext(o.Options);
    }
}

public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresDbContext>
{
    public PostgresDbContext CreateDbContext(string[] args)
    {
        var o = new DbContextOptionsBuilder<PostgresDbContext>();
        DatabaseSetup.ConfigurePostgres(o, "Host=127.0.0.1;Database=bangfu_design;Username=postgres");
        o.UseApplicationServiceProvider(DesignTimeServices.Identity);
        return new PostgresDbContext(o.Options);
    }
}

/// The Identity model depends on IdentityOptions (the schema version adds the passkeys table): design time must see
/// the same options as the running app, or migrations and the model drift apart.
internal static class DesignTimeServices
{
    public static readonly IServiceProvider Identity = new ServiceCollection()
        .Configure<IdentityOptions>(AccountSetup.ConfigureIdentity)
        .BuildServiceProvider();
}
