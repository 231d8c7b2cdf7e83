using System.Net.Http.Headers;
using System.Net.Http.Json;
using Bangfu.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Bangfu.IntegrationTests.Infrastructure;

/// One running Bangfu per test class, on the provider named by BANGFU_TEST_PROVIDER (Sqlite by default, or Postgres
/// with BANGFU_TEST_PG as the server). Each class gets its own empty database, migrated as production would be.
public sealed class BangfuApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminPassword = "Admin#Test2026";

    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "bangfu-it-" + Guid.NewGuid().ToString("N"));

    /// The app's data folder (files, keys, the hospital's ICD-10 catalogue), made before the app starts.
    public string DataDir => _dataDir;
    private string? _pgDatabase;

    public static DatabaseProvider Provider =>
        Enum.TryParse<DatabaseProvider>(Environment.GetEnvironmentVariable("BANGFU_TEST_PROVIDER"), ignoreCase: true, out var p) ? p : DatabaseProvider.Sqlite;

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dataDir);
        if (Provider == DatabaseProvider.Postgres)
        {
            var server = Environment.GetEnvironmentVariable("BANGFU_TEST_PG")
                ?? throw new InvalidOperationException("BANGFU_TEST_PG is not set: run the tests through ./test.sh");
            _pgDatabase = "t_" + Guid.NewGuid().ToString("N");
            await using (var admin = new NpgsqlConnection(server))
            {
                await admin.OpenAsync();
                await using var cmd = new NpgsqlCommand($"CREATE DATABASE {_pgDatabase}", admin);
                await cmd.ExecuteNonQueryAsync();
            }
            ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = _pgDatabase }.ToString();
            // PostgreSQL is migrated by an explicit command in production; the tests do the same before starting.
            var options = new DbContextOptionsBuilder<PostgresDbContext>();
            DatabaseSetup.ConfigurePostgres(options, ConnectionString);
            options.UseApplicationServiceProvider(DesignTimeServices.Identity);
            await using var db = new PostgresDbContext(options.Options);
            await db.Database.MigrateAsync();
        }
        else
        {
            ConnectionString = $"Data Source={Path.Combine(_dataDir, "bangfu.db")};Foreign Keys=True";
        }
        _ = Server; // start now, so that a failing start fails the fixture and not the first test
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Bangfu:Database:Provider", Provider.ToString());
        builder.UseSetting("ConnectionStrings:Bangfu", ConnectionString);
        builder.UseSetting("Bangfu:DataDir", _dataDir);
        builder.UseSetting("Bangfu:Demo", "false");
        builder.UseSetting("BANGFU_ADMIN_PASSWORD", AdminPassword);
        // Every test signs in from one address; the per-address limit has its own test (SessionTests).
        builder.UseSetting("Bangfu:Accounts:SignInPerAddressPerMinute", "100000");
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
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

    /// A client signed in with a bearer token, as a script would be.
    public async Task<HttpClient> ClientForAsync(string userName, string password)
    {
        var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/auth/login", new { userName, password });
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<TokenResponse>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.AccessToken);
        return client;
    }

    public Task<HttpClient> AdminAsync() => ClientForAsync("admin", AdminPassword);

    public sealed record TokenResponse(string TokenType, string AccessToken, int ExpiresIn, string RefreshToken);
}
