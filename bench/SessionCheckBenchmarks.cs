using System.Security.Claims;
using Bangfu.Common;
using Bangfu.Data;
using Bangfu.Features.Accounts;
using Bangfu.Features.Organizations;
using Bangfu.Features.Partnerships;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Bangfu.Bench;

/// What the per-request session check (ADR 0014) adds: one stamp read, against the smallest real work of an
/// authenticated request (a coordinator's first page of partnerships) on the same database, side by side.
[MemoryDiagnoser]
public class SessionCheckBenchmarks
{
    private BenchDatabase _bench = null!;
    private SessionCheck _check = null!;
    private PartnershipService _partnerships = null!;
    private ClaimsPrincipal _user = null!;
    private AccessScope _scope = null!;

    [ParamsSource(nameof(Providers))]
    public string Provider { get; set; } = "Sqlite";

    public static IEnumerable<string> Providers => BenchDatabase.Providers;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _bench = await BenchDatabase.CreateAsync(Provider);
        var identity = Options.Create(new IdentityOptions());
        _check = new SessionCheck(_bench.Factory, identity);
        _partnerships = new PartnershipService(_bench.Factory);
        await using var db = _bench.Factory.CreateDbContext();
        var orgs = Enumerable.Range(0, 40).Select(i => new Organization { Name = $"医院{i:D2}", Kind = OrganizationKind.GeneralHospital, RegionCode = "510402" }).ToList();
        db.Organizations.AddRange(orgs);
        await db.SaveChangesAsync();
        for (var p = 0; p < 20; p++)
        {
            var partnership = new Partnership { Kind = PartnershipKind.CounterpartSupport, Name = $"帮扶{p:D2}", StartDate = new DateOnly(2024, 1, 1) };
            partnership.Parties.Add(new PartnershipParty { OrganizationId = orgs[0].Id, Role = PartyRole.Supporting, JoinedOn = partnership.StartDate });
            partnership.Parties.Add(new PartnershipParty { OrganizationId = orgs[p + 1].Id, Role = PartyRole.Supported, JoinedOn = partnership.StartDate });
            db.Partnerships.Add(partnership);
        }
        for (var u = 0; u < 1000; u++)
            db.Users.Add(new AppUser { UserName = $"user{u}", NormalizedUserName = $"USER{u}", SecurityStamp = Guid.NewGuid().ToString("N"), OrganizationId = orgs[0].Id });
        await db.SaveChangesAsync();
        var user = db.Users.Local.First(x => x.UserName == "user500");
        var claims = identity.Value.ClaimsIdentity;
        _user = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(claims.UserIdClaimType, user.Id), new Claim(claims.SecurityStampClaimType, user.SecurityStamp!)], "bench"));
        _scope = new AccessScope("user500", Roles.OrgAdmin, orgs[0].Id, null);
    }

    [Benchmark]
    public Task<bool> StampCheck() => _check.IsCurrentAsync(_user, CancellationToken.None);

    [Benchmark(Baseline = true)]
    public Task<Page<PartnershipListItem>> FirstPageOfPartnerships() =>
        _partnerships.ListAsync(_scope, new PartnershipQuery(), new PageRequest(1, 20), CancellationToken.None);

    [GlobalCleanup]
    public async Task CleanupAsync() => await _bench.DisposeAsync();
}
