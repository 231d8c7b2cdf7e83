using Bangfu.Common;
using Bangfu.Data;
using Bangfu.Features.Accounts;
using Bangfu.Features.Activities;
using Bangfu.Features.Organizations;
using Bangfu.Features.Partnerships;
using Bangfu.Features.People;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;

namespace Bangfu.Bench;

/// Issue 11 item 4: activity rows validated and committed through ActivityService's batch write (what POST
/// /api/activities/bulk and the XLSX import's commit use: 500-row chunks in one transaction, every check, the
/// plausibility rules, the rollup and the audit trail), beside a raw load of the same rows (PostgreSQL binary COPY;
/// on SQLite a prepared INSERT in one transaction) that checks nothing and writes no rollup and no audit.
/// Each invocation writes <see cref="Rows"/> new rows into a specialty alliance of a lead hospital (200 experts) and 40
/// member hospitals, spread over two years of days so that per-expert-day and per-host-month totals stay plausible.
[SimpleJob(RunStrategy.Monitoring, warmupCount: 1, iterationCount: 3)]
[MemoryDiagnoser]
public class ActivityBulkBenchmarks
{
    private static readonly AccessScope Admin = new("bench", Roles.SystemAdmin, null, null);
    private static readonly string[] SqliteParameters = ["$p", "$h", "$d", "$e", "$k", "$date", "$q", "$u", "$a", "$s"];
    private BenchDatabase _db = null!;
    private int _partnershipId;
    private int[] _hosts = [];
    private int[] _experts = [];
    private int _round;

    [ParamsSource(nameof(Providers))]
    public string Provider { get; set; } = "Sqlite";

    public static IEnumerable<string> Providers => BenchDatabase.Providers;

    [Params(20_000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _db = await BenchDatabase.CreateAsync(Provider, s => s.AddScoped<ActivityService>());
        await using var ctx = _db.Factory.CreateDbContext();
        var lead = new Organization { Name = "牵头医院", RegionCode = "510402", Kind = OrganizationKind.GeneralHospital };
        var members = Enumerable.Range(0, 40).Select(i => new Organization { Name = $"成员医院{i:00}", RegionCode = "513423", Kind = OrganizationKind.GeneralHospital }).ToList();
        ctx.Organizations.Add(lead);
        ctx.Organizations.AddRange(members);
        await ctx.SaveChangesAsync();
        var people = Enumerable.Range(0, 200).Select(i => new Person { OrganizationId = lead.Id, Name = $"专家{i:000}" }).ToList();
        ctx.People.AddRange(people);
        var partnership = new Partnership { Name = "基准联盟", Kind = PartnershipKind.SpecialtyAlliance, StartDate = new DateOnly(2000, 1, 1) };
        partnership.Parties.Add(new PartnershipParty { OrganizationId = lead.Id, Role = PartyRole.Lead, JoinedOn = partnership.StartDate });
        foreach (var m in members)
            partnership.Parties.Add(new PartnershipParty { OrganizationId = m.Id, Role = PartyRole.Member, JoinedOn = partnership.StartDate });
        ctx.Partnerships.Add(partnership);
        await ctx.SaveChangesAsync();
        (_partnershipId, _hosts, _experts) = (partnership.Id, [.. members.Select(m => m.Id)], [.. people.Select(p => p.Id)]);
    }

    /// Each round's rows fall on other days, so that the per-expert-day totals stay plausible round after round.
    private IEnumerable<SaveActivityRequest> Batch()
    {
        // Ten rounds of two years each stay between 2000 and today.
        var round = _round++ % 10;
        var kinds = new[] { (ActivityKind.Surgery, ActivityUnit.Tai, 0), (ActivityKind.TeachingRound, ActivityUnit.Ci, 8), (ActivityKind.Lecture, ActivityUnit.Chang, 30) };
        for (var i = 0; i < Rows; i++)
        {
            var (kind, unit, attendees) = kinds[i % kinds.Length];
            var day = new DateOnly(2000, 1, 1).AddDays(round * 730 + i / _hosts.Length % 730);
            yield return new SaveActivityRequest(_partnershipId, _hosts[i % _hosts.Length], null, null, _experts[i % _experts.Length], kind, day, 1 + i % 2, unit, attendees,
                Subject: kind == ActivityKind.Surgery ? "腹腔镜胆囊切除术" : null);
        }
    }

    [Benchmark(Baseline = true)]
    public async Task RawLoad()
    {
        var rows = Batch().ToList();
        await using var ctx = _db.Factory.CreateDbContext();
        if (Provider == "Postgres")
        {
            var connection = (NpgsqlConnection)ctx.Database.GetDbConnection();
            await connection.OpenAsync();
            await using var copy = await connection.BeginBinaryImportAsync(
                """COPY "Activities" ("PartnershipId", "HostOrganizationId", "HostDepartmentId", "ExpertId", "Kind", "Date", "IsMonthlyTotal", "Quantity", "IsApproximate", "Unit", "Attendees", "IsOnline", "Subject", "Version", "ReviewStatus") FROM STDIN (FORMAT BINARY)""");
            foreach (var r in rows)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(r.PartnershipId!.Value, NpgsqlDbType.Integer);
                await copy.WriteAsync(r.HostOrganizationId!.Value, NpgsqlDbType.Integer);
                await copy.WriteNullAsync();
                await copy.WriteAsync(r.ExpertId!.Value, NpgsqlDbType.Integer);
                await copy.WriteAsync(r.Kind!.Value.ToString(), NpgsqlDbType.Varchar);
                await copy.WriteAsync(r.Date!.Value, NpgsqlDbType.Date);
                await copy.WriteAsync(false, NpgsqlDbType.Boolean);
                await copy.WriteAsync(r.Quantity!.Value, NpgsqlDbType.Integer);
                await copy.WriteAsync(false, NpgsqlDbType.Boolean);
                await copy.WriteAsync(r.Unit!.Value.ToString(), NpgsqlDbType.Varchar);
                await copy.WriteAsync(r.Attendees ?? 0, NpgsqlDbType.Integer);
                await copy.WriteAsync(false, NpgsqlDbType.Boolean);
                if (r.Subject is null)
                    await copy.WriteNullAsync();
                else
                    await copy.WriteAsync(r.Subject, NpgsqlDbType.Varchar);
                await copy.WriteAsync(0, NpgsqlDbType.Integer);
                await copy.WriteAsync(0, NpgsqlDbType.Integer);
            }
            await copy.CompleteAsync();
            return;
        }
        var sqlite = (SqliteConnection)ctx.Database.GetDbConnection();
        await sqlite.OpenAsync();
        await using var tx = (SqliteTransaction)await sqlite.BeginTransactionAsync();
        await using var insert = sqlite.CreateCommand();
        insert.CommandText = """INSERT INTO "Activities" ("PartnershipId", "HostOrganizationId", "HostDepartmentId", "ExpertId", "Kind", "Date", "IsMonthlyTotal", "Quantity", "IsApproximate", "Unit", "Attendees", "IsOnline", "Subject", "Version", "ReviewStatus") VALUES ($p, $h, $d, $e, $k, $date, 0, $q, 0, $u, $a, 0, $s, 0, 0)""";
        var ps = SqliteParameters.Select(n => insert.Parameters.Add(n, SqliteType.Text)).ToArray();
        foreach (var r in rows)
        {
            object?[] values = [r.PartnershipId, r.HostOrganizationId, r.HostDepartmentId, r.ExpertId, r.Kind.ToString(),
                r.Date!.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), r.Quantity, r.Unit.ToString(), r.Attendees ?? 0, r.Subject];
            for (var i = 0; i < ps.Length; i++)
                ps[i].Value = values[i] ?? DBNull.Value;
            await insert.ExecuteNonQueryAsync();
        }
        await tx.CommitAsync();
    }

    [Benchmark]
    public async Task ValidatedBulkWrite()
    {
        using var scope = _db.Services.CreateScope();
        var service = scope.ServiceProvider.GetRequiredService<ActivityService>();
        await using var ctx = _db.Factory.CreateFor(Admin);
        await using var tx = await ctx.Database.BeginTransactionAsync();
        foreach (var chunk in Batch().Chunk(ActivityService.MaxBulkItems))
        {
            await service.WriteInAsync(ctx, Admin, new BulkActivitiesRequest(chunk), CancellationToken.None);
            ctx.ChangeTracker.Clear();
        }
        await tx.CommitAsync();
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await _db.DisposeAsync();
}
