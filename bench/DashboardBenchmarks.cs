using System.Data.Common;
using Bangfu.Common;
using Bangfu.Features.Activities;
using Bangfu.Features.Compliance;
using Bangfu.Features.Dashboards;
using Bangfu.Features.Dispatches;
using Bangfu.Features.Meetings;
using Bangfu.Features.Organizations;
using Bangfu.Features.Partnerships;
using Bangfu.Features.People;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace Bangfu.Bench;

/// The dashboards of a province-sized region (issue 4: "p95 under 100 ms for a region with two million activity
/// records"): 300 hospitals with division codes 51xxxx, 150 partnerships, 2,000,000 raw activity rows over 2020–2024
/// in all 13 kinds with the monthly rollup filled from them by one GROUP BY, 3,000 dispatches, 300 meetings with 900
/// action items. The database is generated once and kept under BenchmarkDotNet.Artifacts/cache.
[Config(typeof(P95Config))]
public class DashboardBenchmarks
{
    public const int Rows = 2_000_000;
    public const int Partnerships = 150;
    public const int Year = 2024;
    private const string CacheName = "dashboard";

    private sealed class P95Config : ManualConfig
    {
        public P95Config() => AddColumn(StatisticColumn.P95);
    }

    private BenchDatabase _db = null!;
    private AccessScope _commission = null!;
    private AccessScope _orgAdmin = null!;
    private int _organizationId;
    private int _partnershipId;

    [ParamsSource(nameof(Providers))]
    public string Provider { get; set; } = "Sqlite";

    public static IEnumerable<string> Providers => BenchDatabase.Providers;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _db = await BenchDatabase.CreateCachedAsync(Provider, CacheName, GenerateAsync,
            s =>
            {
                s.AddScoped<ComplianceService>().AddScoped<DashboardService>();
                if (SqlConsoleLoggerProvider.Enabled)
                    s.AddLogging(b => b.AddProvider(new SqlConsoleLoggerProvider()));
            });
        await using var ctx = _db.Factory.CreateDbContext();
        var commission = await ctx.Organizations.Where(o => o.RegionCode == "510000" && o.Kind == OrganizationKind.HealthCommission).Select(o => o.Id).SingleAsync();
        _organizationId = await ctx.Organizations.Where(o => o.Name == SupportingName(0)).Select(o => o.Id).SingleAsync();
        _partnershipId = await ctx.Partnerships.Where(p => p.Name == PartnershipName(0)).Select(p => p.Id).SingleAsync();
        _commission = new AccessScope("bench-commission", Roles.Commission, commission, "51");
        _orgAdmin = new AccessScope("bench-orgadmin", Roles.OrgAdmin, _organizationId, null);
        // A result that shows the data is there (and is read from the rollup): activity entries of the year.
        var region = await RegionDashboard();
        Console.WriteLine($"// {Provider}: {await ctx.Activities.CountAsync()} activity rows, {await ctx.ActivityMonthly.CountAsync()} rollup rows; "
            + $"region {Year}: {region.Totals.Sum(t => t.Entries)} entries, {region.Hosts.Count} hosts listed, {region.Coverage.Count} covered hosts, {region.OverdueCount} overdue");
    }

    private static string SupportingName(int i) => $"省属三甲医院{i + 1}";

    private static string PartnershipName(int i) => $"对口帮扶协议{i + 1}";

    private static async Task GenerateAsync(BenchDatabase db)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        await using var ctx = db.Factory.CreateDbContext();
        ctx.ChangeTracker.AutoDetectChangesEnabled = false;
        ctx.Organizations.Add(new Organization { Name = "四川省卫生健康委员会", RegionCode = "510000", Kind = OrganizationKind.HealthCommission });
        var supporting = Enumerable.Range(0, 30).Select(i => new Organization { Name = SupportingName(i), RegionCode = $"5101{i + 1:00}", Kind = OrganizationKind.GeneralHospital }).ToList();
        var hosts = Enumerable.Range(0, 270).Select(i => new Organization
        {
            Name = $"县级医院{i + 1}",
            RegionCode = $"51{i / 30 + 3:00}{i % 30 + 1:00}",
            Kind = i % 5 == 0 ? OrganizationKind.TcmHospital : OrganizationKind.GeneralHospital,
        }).ToList();
        ctx.Organizations.AddRange(supporting);
        ctx.Organizations.AddRange(hosts);
        await ctx.SaveChangesAsync();
        var experts = supporting.SelectMany(s => Enumerable.Range(1, 10).Select(i => new Person
        {
            OrganizationId = s.Id,
            Name = $"{s.Name}专家{i}",
            Title = "副主任医师",
            TitleLevel = TitleLevel.AssociateSenior,
        })).ToList();
        ctx.People.AddRange(experts);
        // Partnership i: supporting hospital i % 30, host i, and host 150 + i for the first 120.
        var hostsOf = new List<Organization>[Partnerships];
        var partnerships = Enumerable.Range(0, Partnerships).Select(i =>
        {
            hostsOf[i] = i < 120 ? [hosts[i], hosts[150 + i]] : [hosts[i]];
            var p = new Partnership { Name = PartnershipName(i), Kind = PartnershipKind.CounterpartSupport, StartDate = new DateOnly(2020, 1, 1) };
            p.Parties.Add(new PartnershipParty { OrganizationId = supporting[i % 30].Id, Role = PartyRole.Supporting, JoinedOn = p.StartDate });
            foreach (var h in hostsOf[i])
                p.Parties.Add(new PartnershipParty { OrganizationId = h.Id, Role = PartyRole.Supported, JoinedOn = p.StartDate });
            return p;
        }).ToList();
        ctx.Partnerships.AddRange(partnerships);
        await ctx.SaveChangesAsync();

        // 20 dispatches a partnership (3,000), a tenth of them remote and some cancelled; 2 meetings with 3 action items.
        var modes = new[] { DispatchMode.Stationed, DispatchMode.ShortVisit, DispatchMode.Tour, DispatchMode.ShortVisit, DispatchMode.Stationed,
            DispatchMode.ShortVisit, DispatchMode.Tour, DispatchMode.ShortVisit, DispatchMode.Stationed, DispatchMode.Remote };
        for (var i = 0; i < Partnerships; i++)
        {
            for (var k = 0; k < 20; k++)
            {
                var start = new DateOnly(2020, 1, 1).AddDays((k * 97 + i * 13) % 1790);
                var mode = modes[k % modes.Length];
                var end = start.AddDays(mode == DispatchMode.Stationed ? 180 : 14);
                ctx.Dispatches.Add(new Dispatch
                {
                    PartnershipId = partnerships[i].Id,
                    ExpertId = experts[(i % 30) * 10 + k % 10].Id,
                    HostOrganizationId = hostsOf[i][k % hostsOf[i].Count].Id,
                    Mode = mode,
                    Role = DispatchRole.Expert,
                    StartDate = start,
                    EndDate = end,
                    PlannedEndDate = end,
                    IsCancelled = k % 17 == 16,
                });
            }
            for (var m = 0; m < 2; m++)
            {
                var meeting = new Meeting { PartnershipId = partnerships[i].Id, Title = $"年度工作会议{m + 1}", Kind = MeetingKind.WorkMeeting, HeldOn = new DateOnly(2023 + m, 3, 1) };
                for (var a = 0; a < 3; a++)
                {
                    meeting.ActionItems.Add(new ActionItem
                    {
                        Description = $"整改事项{a + 1}",
                        Owner = "医务科",
                        DueDate = new DateOnly(2023 + m, 6 + a, 1),
                        Status = (i + a) % 3 == 0 ? ActionItemStatus.Done : ActionItemStatus.Open,
                    });
                }
                ctx.Meetings.Add(meeting);
            }
        }
        await ctx.SaveChangesAsync();

        await InsertActivitiesAsync(ctx, partnerships.Select(p => p.Id).ToArray(), hostsOf.Select(h => h.Select(o => o.Id).ToArray()).ToArray(),
            experts.Select(e => e.Id).ToArray());
        // The rollup from the raw rows in one statement, as the service keeps it (ADR 0007).
        var month = ctx.Database.IsNpgsql() ? "CAST(to_char(\"Date\", 'YYYYMM') AS integer)" : "CAST(substr(\"Date\", 1, 4) || substr(\"Date\", 6, 2) AS INTEGER)";
        ctx.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        var rollup = $"""
            INSERT INTO "ActivityMonthly" ("PartnershipId", "HostOrganizationId", "Kind", "Month", "Quantity", "Attendees", "Entries")
            SELECT "PartnershipId", "HostOrganizationId", "Kind", {month}, SUM("Quantity"), SUM("Attendees"), COUNT(*)
            FROM "Activities" WHERE "DeletedAt" IS NULL
            GROUP BY "PartnershipId", "HostOrganizationId", "Kind", {month}
            """;
        await ctx.Database.ExecuteSqlRawAsync(rollup);
        Console.WriteLine($"// generated the dashboard database in {started.Elapsed.TotalSeconds:0} s");
    }

    /// The raw rows by ADO.NET: one prepared statement in a transaction on SQLite, binary COPY on PostgreSQL.
    private static async Task InsertActivitiesAsync(Data.AppDbContext ctx, int[] partnerships, int[][] hostsOf, int[] experts)
    {
        var kinds = Enum.GetValues<ActivityKind>();
        var day0 = new DateOnly(2020, 1, 1);
        var connection = ctx.Database.GetDbConnection();
        await connection.OpenAsync();
        IEnumerable<(int Partnership, int Host, int Expert, ActivityKind Kind, DateOnly Date, int Quantity, int Attendees)> Generate()
        {
            for (var n = 0; n < Rows; n++)
            {
                var p = n % partnerships.Length;
                var kind = kinds[n % kinds.Length];
                yield return (partnerships[p], hostsOf[p][n / partnerships.Length % hostsOf[p].Length], experts[(p % 30) * 10 + n % 10], kind,
                    day0.AddDays(n % 1827), 1 + n % 7, ActivityKinds.All[kind].CountsAttendees ? 20 : 0);
            }
        }
        if (connection is NpgsqlConnection pg)
        {
            await using var copy = await pg.BeginBinaryImportAsync("""
                COPY "Activities" ("PartnershipId", "HostOrganizationId", "ExpertId", "Kind", "Unit", "Date", "Quantity", "Attendees", "IsMonthlyTotal", "IsOnline", "Version")
                FROM STDIN (FORMAT BINARY)
                """);
            copy.Timeout = TimeSpan.FromMinutes(10);
            foreach (var r in Generate())
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(r.Partnership, NpgsqlDbType.Integer);
                await copy.WriteAsync(r.Host, NpgsqlDbType.Integer);
                await copy.WriteAsync(r.Expert, NpgsqlDbType.Integer);
                await copy.WriteAsync(r.Kind.ToString(), NpgsqlDbType.Varchar);
                await copy.WriteAsync(ActivityKinds.All[r.Kind].Units[0].ToString(), NpgsqlDbType.Varchar);
                await copy.WriteAsync(r.Date, NpgsqlDbType.Date);
                await copy.WriteAsync(r.Quantity, NpgsqlDbType.Integer);
                await copy.WriteAsync(r.Attendees, NpgsqlDbType.Integer);
                await copy.WriteAsync(false, NpgsqlDbType.Boolean);
                await copy.WriteAsync(false, NpgsqlDbType.Boolean);
                await copy.WriteAsync(0, NpgsqlDbType.Integer);
            }
            await copy.CompleteAsync();
            return;
        }
        await using var tx = await connection.BeginTransactionAsync();
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = """
            INSERT INTO "Activities" ("PartnershipId", "HostOrganizationId", "ExpertId", "Kind", "Unit", "Date", "Quantity", "Attendees", "IsMonthlyTotal", "IsOnline", "Version")
            VALUES ($p, $h, $e, $k, $u, $d, $q, $a, 0, 0, 0)
            """;
        DbParameter Add(string name)
        {
            var parameter = cmd.CreateParameter();
            parameter.ParameterName = name;
            cmd.Parameters.Add(parameter);
            return parameter;
        }
        var (pp, ph, pe, pk, pu, pd, pq, pa) = (Add("$p"), Add("$h"), Add("$e"), Add("$k"), Add("$u"), Add("$d"), Add("$q"), Add("$a"));
        cmd.Prepare();
        foreach (var r in Generate())
        {
            pp.Value = r.Partnership;
            ph.Value = r.Host;
            pe.Value = r.Expert;
            pk.Value = r.Kind.ToString();
            pu.Value = ActivityKinds.All[r.Kind].Units[0].ToString();
            pd.Value = r.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            pq.Value = r.Quantity;
            pa.Value = r.Attendees;
            await cmd.ExecuteNonQueryAsync();
        }
        await tx.CommitAsync();
    }

    private async Task<DashboardDto> GetAsync(AccessScope scope, DashboardLevel level, int? id, string? regionCode)
    {
        using var scoped = _db.Services.CreateScope();
        var service = scoped.ServiceProvider.GetRequiredService<DashboardService>();
        return await service.GetAsync(scope, level, id, regionCode, Year, CancellationToken.None)
            ?? throw new InvalidOperationException($"the {level} dashboard is not visible");
    }

    /// The province's health commission on the province (510000): all 150 partnerships.
    [Benchmark]
    public Task<DashboardDto> RegionDashboard() => GetAsync(_commission, DashboardLevel.Region, null, "510000");

    /// An administrator of a supporting hospital on its own dashboard: its 5 partnerships.
    [Benchmark]
    public Task<DashboardDto> OrganizationDashboard() => GetAsync(_orgAdmin, DashboardLevel.Organization, _organizationId, null);

    /// The same administrator on one of its partnerships (with the compliance report).
    [Benchmark]
    public Task<DashboardDto> PartnershipDashboard() => GetAsync(_orgAdmin, DashboardLevel.Partnership, _partnershipId, null);

    [GlobalCleanup]
    public async Task CleanupAsync() => await _db.DisposeAsync();
}
