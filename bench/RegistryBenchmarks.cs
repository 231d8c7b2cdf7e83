using Bangfu.Common;
using Bangfu.Data;
using Bangfu.Features.Organizations;
using Bangfu.Features.Partnerships;
using BenchmarkDotNet.Attributes;

namespace Bangfu.Bench;

/// The partnership list as a commission sees it: a region of 1,000 partnerships, one of them an alliance of 250
/// members. Measures one page (20 rows) with the scope filter, sorting and the party preview.
[MemoryDiagnoser]
public class RegistryBenchmarks
{
    private BenchDatabase _bench = null!;
    private PartnershipService _partnerships = null!;
    private readonly AccessScope _commission = new("bench", Roles.Commission, null, "51");

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _bench = await BenchDatabase.CreateAsync("Sqlite");
        _partnerships = new PartnershipService(_bench.Factory);
        await using var db = _bench.Factory.CreateDbContext();
        var orgs = Enumerable.Range(0, 1300).Select(i => new Organization
        {
            Name = $"医院{i:D4}",
            Kind = OrganizationKind.GeneralHospital,
            RegionCode = $"51{i % 20 + 1:D2}{i % 30 + 1:D2}",
        }).ToList();
        db.Organizations.AddRange(orgs);
        await db.SaveChangesAsync();
        for (var p = 0; p < 1000; p++)
        {
            var alliance = p == 0;
            var partnership = new Partnership
            {
                Kind = alliance ? PartnershipKind.SpecialtyAlliance : PartnershipKind.CounterpartSupport,
                Name = $"帮扶关系{p:D4}",
                StartDate = new DateOnly(2018, 1, 1).AddDays(p),
            };
            partnership.Parties.Add(new PartnershipParty { OrganizationId = orgs[p].Id, Role = alliance ? PartyRole.Lead : PartyRole.Supporting, JoinedOn = partnership.StartDate });
            var members = alliance ? 250 : 1;
            for (var m = 0; m < members; m++)
                partnership.Parties.Add(new PartnershipParty { OrganizationId = orgs[1000 + (p + m) % 300].Id, Role = alliance ? PartyRole.Member : PartyRole.Supported, JoinedOn = partnership.StartDate });
            db.Partnerships.Add(partnership);
        }
        await db.SaveChangesAsync();
    }

    [Benchmark]
    public Task<Page<PartnershipListItem>> CommissionFirstPageByStartDate() =>
        _partnerships.ListAsync(_commission, new PartnershipQuery(), new PageRequest(1, 20, "startDate", false), CancellationToken.None);

    [Benchmark]
    public Task<Page<PartnershipListItem>> CommissionSearchByMemberName() =>
        _partnerships.ListAsync(_commission, new PartnershipQuery(Q: "医院12"), new PageRequest(1, 20), CancellationToken.None);

    [GlobalCleanup]
    public async Task CleanupAsync() => await _bench.DisposeAsync();
}
