using System.Net;
using System.Net.Http.Json;
using Bangfu.Data;
using Bangfu.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;

namespace Bangfu.IntegrationTests.Data;

/// PostgreSQL is migrated by an explicit command and the server refuses to start before it; the embedded SQLite
/// database migrates itself. Each run proves the behaviour of the provider it runs on.
public sealed class DatabaseStartupTests : IAsyncLifetime
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "bangfu-start-" + Guid.NewGuid().ToString("N"));
    private string? _pgDatabase;
    private string _connectionString = "";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dataDir);
        if (BangfuApp.Provider != DatabaseProvider.Postgres)
            return;
        var server = Environment.GetEnvironmentVariable("BANGFU_TEST_PG")
            ?? throw new InvalidOperationException("BANGFU_TEST_PG is not set: run the tests through ./test.sh");
        _pgDatabase = "t_" + Guid.NewGuid().ToString("N");
        await using var admin = new NpgsqlConnection(server);
        await admin.OpenAsync();
        await using var cmd = new NpgsqlCommand($"CREATE DATABASE {_pgDatabase}", admin);
        await cmd.ExecuteNonQueryAsync();
        _connectionString = new NpgsqlConnectionStringBuilder(server) { Database = _pgDatabase }.ToString();
    }

    public async Task DisposeAsync()
    {
        if (_pgDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(Environment.GetEnvironmentVariable("BANGFU_TEST_PG"));
            await admin.OpenAsync();
            await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_pgDatabase} WITH (FORCE)", admin);
            await cmd.ExecuteNonQueryAsync();
        }
        try { Directory.Delete(_dataDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    [Fact]
    public async Task Unmigrated_database_either_refuses_to_start_on_PostgreSQL_or_migrates_itself_on_SQLite()
    {
        await using var factory = new UnpreparedApp(BangfuApp.Provider, _connectionString, _dataDir);
        if (BangfuApp.Provider == DatabaseProvider.Postgres)
        {
            var error = Record.Exception(() => factory.Server);
            Assert.NotNull(error);
            Assert.Contains(DatabaseStartup.MigrateCommand, error.ToString(), StringComparison.Ordinal);
            Assert.Contains("dotnet run --project src/Bangfu -- migrate", error.ToString(), StringComparison.Ordinal);
            return;
        }

        var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        Assert.True(File.Exists(Path.Combine(_dataDir, "bangfu.db")));
        var login = await client.PostAsJsonAsync("/api/auth/login", new { userName = "admin", password = BangfuApp.AdminPassword });
        var token = await login.ReadAsync<BangfuApp.TokenResponse>();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/organizations")).StatusCode);
    }

    /// Bangfu on a database that nobody has prepared: no migration before start, no connection string for SQLite
    /// (the default file in the data directory).
    private sealed class UnpreparedApp(DatabaseProvider provider, string connectionString, string dataDir) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Bangfu:Database:Provider", provider.ToString());
            builder.UseSetting("ConnectionStrings:Bangfu", connectionString);
            builder.UseSetting("Bangfu:DataDir", dataDir);
            builder.UseSetting("Bangfu:Demo", "false");
            builder.UseSetting("BANGFU_ADMIN_PASSWORD", BangfuApp.AdminPassword);
        }
    }
}
