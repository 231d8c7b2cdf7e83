using Bangfu.Common;
using Bangfu.Features.Activities;
using Bangfu.Features.Ledgers;
using Bangfu.Features.Organizations;
using Bangfu.Features.Partnerships;
using Bangfu.Features.People;
using BenchmarkDotNet.Attributes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bangfu.Bench;

/// A region-wide activity ledger of 200,000 rows (issue 4: "within a few hundred MB"): time and allocations from
/// BenchmarkDotNet, and the process's peak working set printed at the end of each run
/// (`// PeakWorkingSet64 = … MB`). The rows belong to ten partnerships of one province, with experts and departments
/// joined by name, as the real ledger is.
[MemoryDiagnoser]
public class LedgerBenchmarks
{
    public const int Rows = 200_000;
    private BenchDatabase _db = null!;
    private static readonly AccessScope Admin = new("bench", Roles.SystemAdmin, null, null);
    private readonly ValidLedgerQuery _query = new(null, null, "510000", new DateOnly(2020, 1, 1), new DateOnly(2024, 12, 31), [LedgerKind.Activity]);

    [ParamsSource(nameof(Providers))]
    public string Provider { get; set; } = "Sqlite";

    public static IEnumerable<string> Providers => BenchDatabase.Providers;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _db = await BenchDatabase.CreateAsync(Provider, s => s.AddScoped<LedgerWorkbook>().AddScoped<LedgerService>());
        await GenerateAsync(_db);
        // The peak so far belongs to the data generation; compare it with the peak printed at the end.
        Console.WriteLine($"// PeakWorkingSet64 after setup = {PeakMegabytes()} MB");
    }

    /// Ten partnerships of one province sharing <see cref="Rows"/> activity rows over 2020–2024, with their rollup.
    /// Answers the partnerships' ids.
    public static async Task<IReadOnlyList<int>> GenerateAsync(BenchDatabase db)
    {
        await using var ctx = db.Factory.CreateDbContext();
        var supporting = new Organization { Name = "四川大学华西医院", RegionCode = "510107", Kind = OrganizationKind.GeneralHospital };
        ctx.Organizations.Add(supporting);
        var hosts = Enumerable.Range(1, 10).Select(i => new Organization { Name = $"受援县人民医院{i}", RegionCode = $"5134{i:00}", Kind = OrganizationKind.GeneralHospital }).ToList();
        ctx.Organizations.AddRange(hosts);
        await ctx.SaveChangesAsync();
        var departments = hosts.Select(h => new Department { OrganizationId = h.Id, Name = "普外科" }).ToList();
        ctx.Departments.AddRange(departments);
        var experts = Enumerable.Range(1, 50).Select(i => new Person { OrganizationId = supporting.Id, Name = $"专家{i}", Title = "副主任医师", TitleLevel = TitleLevel.AssociateSenior }).ToList();
        ctx.People.AddRange(experts);
        var partnerships = hosts.Select(h =>
        {
            var p = new Partnership { Name = $"对口帮扶：{h.Name}", Kind = PartnershipKind.CounterpartSupport, StartDate = new DateOnly(2020, 1, 1) };
            p.Parties.Add(new PartnershipParty { OrganizationId = supporting.Id, Role = PartyRole.Supporting, JoinedOn = p.StartDate });
            p.Parties.Add(new PartnershipParty { OrganizationId = h.Id, Role = PartyRole.Supported, JoinedOn = p.StartDate });
            return p;
        }).ToList();
        ctx.Partnerships.AddRange(partnerships);
        await ctx.SaveChangesAsync();
        var kinds = Enum.GetValues<ActivityKind>();
        var monthly = new Dictionary<(int Partnership, int Host, ActivityKind Kind, int Month), (long Quantity, long Attendees, int Entries)>();
        for (var batch = 0; batch < Rows / 10_000; batch++)
        {
            await using var bulk = db.Factory.CreateDbContext();
            bulk.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = 0; i < 10_000; i++)
            {
                var n = batch * 10_000 + i;
                var kind = kinds[n % kinds.Length];
                var h = n % hosts.Count;
                var a = new Activity
                {
                    PartnershipId = partnerships[h].Id,
                    HostOrganizationId = hosts[h].Id,
                    HostDepartmentId = departments[h].Id,
                    ExpertId = experts[n % experts.Count].Id,
                    Kind = kind,
                    Date = new DateOnly(2020, 1, 1).AddDays(n % 1800),
                    Quantity = 1 + n % 7,
                    Unit = ActivityKinds.All[kind].Units[0],
                    Attendees = ActivityKinds.All[kind].CountsAttendees ? 20 : 0,
                    Subject = n % 3 == 0 ? "腹腔镜胆囊切除术" : null,
                };
                bulk.Activities.Add(a);
                var key = (a.PartnershipId, a.HostOrganizationId, a.Kind, Activity.MonthOf(a.Date));
                var sum = monthly.GetValueOrDefault(key);
                monthly[key] = (sum.Quantity + a.Quantity, sum.Attendees + a.Attendees, sum.Entries + 1);
            }
            await bulk.SaveChangesAsync();
        }
        // Rows that bypass the service must fill the rollup themselves (ADR 0007), as the demo does.
        await using (var rollup = db.Factory.CreateDbContext())
        {
            rollup.ActivityMonthly.AddRange(monthly.Select(m => new ActivityMonthly
            {
                PartnershipId = m.Key.Partnership,
                HostOrganizationId = m.Key.Host,
                Kind = m.Key.Kind,
                Month = m.Key.Month,
                Quantity = m.Value.Quantity,
                Attendees = m.Value.Attendees,
                Entries = m.Value.Entries,
            }));
            await rollup.SaveChangesAsync();
        }
        return partnerships.Select(p => p.Id).ToList();
    }

    public static long PeakMegabytes()
    {
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        process.Refresh();
        return process.PeakWorkingSet64 / (1024 * 1024);
    }

    [Benchmark]
    public async Task<long> WriteRegionActivityLedger()
    {
        using var scope = _db.Services.CreateScope();
        var service = scope.ServiceProvider.GetRequiredService<LedgerService>();
        var path = Path.Combine(Path.GetTempPath(), "bangfu-bench-ledger.xlsx");
        await using var file = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.Read, 64 * 1024, FileOptions.Asynchronous);
        if (!await service.WriteAsync(Admin, _query, file, CancellationToken.None))
            throw new InvalidOperationException("the region is not visible");
        return file.Length;
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        Console.WriteLine($"// PeakWorkingSet64 = {PeakMegabytes()} MB ({Provider}, {Rows} activity rows)");
        await _db.DisposeAsync();
    }
}
