using Bangfu.Features.Activities;
using Bangfu.Features.Organizations;
using Bangfu.Features.Partnerships;
using BenchmarkDotNet.Attributes;

namespace Bangfu.Bench;

/// The cost the monthly rollup adds to one activity insert: the same transaction, the same row, with and without the
/// upsert into ActivityMonthly. The table already holds 100,000 activities spread over 60 months.
[MemoryDiagnoser]
public class ActivityInsertBenchmarks
{
    private BenchDatabase _db = null!;
    private int _partnershipId;
    private int _hostId;
    private int _day;

    [ParamsSource(nameof(Providers))]
    public string Provider { get; set; } = "Sqlite";

    public static IEnumerable<string> Providers => BenchDatabase.Providers;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _db = await BenchDatabase.CreateAsync(Provider);
        await using var ctx = _db.Factory.CreateDbContext();
        var supporting = new Organization { Name = "帮扶医院", RegionCode = "510402", Kind = OrganizationKind.GeneralHospital };
        var supported = new Organization { Name = "受援医院", RegionCode = "513423", Kind = OrganizationKind.GeneralHospital };
        ctx.Organizations.AddRange(supporting, supported);
        await ctx.SaveChangesAsync();
        var partnership = new Partnership { Name = "基准", Kind = PartnershipKind.CounterpartSupport, StartDate = new DateOnly(2020, 1, 1) };
        partnership.Parties.Add(new PartnershipParty { OrganizationId = supporting.Id, Role = PartyRole.Supporting, JoinedOn = partnership.StartDate });
        partnership.Parties.Add(new PartnershipParty { OrganizationId = supported.Id, Role = PartyRole.Supported, JoinedOn = partnership.StartDate });
        ctx.Partnerships.Add(partnership);
        await ctx.SaveChangesAsync();
        _partnershipId = partnership.Id;
        _hostId = supported.Id;
        var kinds = Enum.GetValues<ActivityKind>();
        for (var batch = 0; batch < 20; batch++)
        {
            await using var bulk = _db.Factory.CreateDbContext();
            bulk.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = 0; i < 5000; i++)
            {
                var n = batch * 5000 + i;
                var kind = kinds[n % kinds.Length];
                bulk.Activities.Add(new Activity
                {
                    PartnershipId = _partnershipId,
                    HostOrganizationId = _hostId,
                    Kind = kind,
                    Date = new DateOnly(2020, 1, 1).AddDays(n % 1800),
                    Quantity = 1 + n % 7,
                    Unit = ActivityKinds.All[kind].Units[0],
                });
            }
            await bulk.SaveChangesAsync();
        }
    }

    private Activity Next() => new()
    {
        PartnershipId = _partnershipId,
        HostOrganizationId = _hostId,
        Kind = ActivityKind.Surgery,
        Date = new DateOnly(2020, 1, 1).AddDays(_day++ % 1800),
        Quantity = 3,
        Unit = ActivityUnit.Tai,
    };

    [Benchmark(Baseline = true)]
    public async Task InsertWithoutRollup()
    {
        await using var ctx = _db.Factory.CreateDbContext();
        await using var tx = await ctx.Database.BeginTransactionAsync();
        ctx.Activities.Add(Next());
        await ctx.SaveChangesAsync();
        await tx.CommitAsync();
    }

    [Benchmark]
    public async Task InsertWithRollup()
    {
        await using var ctx = _db.Factory.CreateDbContext();
        await using var tx = await ctx.Database.BeginTransactionAsync();
        var a = Next();
        ctx.Activities.Add(a);
        await ctx.SaveChangesAsync();
        await ActivityRollup.AddAsync(ctx, a, +1, CancellationToken.None);
        await tx.CommitAsync();
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await _db.DisposeAsync();
}
