using System.Security.Claims;
using Bangfu.Common;

namespace Bangfu.UnitTests.Common;

public sealed class AccessScopeTests
{
    [Theory]
    [InlineData("510000", "51")]
    [InlineData("510400", "5104")]
    [InlineData("513423", "513423")]
    [InlineData("140000", "14")]
    public void Region_prefix_is_the_significant_part_of_a_division_code(string code, string prefix) =>
        Assert.Equal(prefix, AccessScope.RegionPrefixOf(code));

    [Fact]
    public void Scope_reads_role_organization_and_region_from_claims()
    {
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.Name, "sc.nhc"),
            new Claim(ClaimTypes.Role, Roles.Commission),
            new Claim(BangfuClaims.OrganizationId, "7"),
            new Claim(BangfuClaims.RegionPrefix, "51"),
        ], "test");
        var scope = AccessScope.From(new ClaimsPrincipal(identity));
        Assert.Equal("sc.nhc", scope.UserName);
        Assert.True(scope.IsCommission);
        Assert.True(scope.ReadsRegion);
        Assert.Equal(7, scope.OrganizationId);
        Assert.False(scope.CanWriteRegistry);
    }

    [Fact]
    public void A_user_without_a_known_role_is_read_only()
    {
        var scope = AccessScope.From(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "x")], "test")));
        Assert.Equal(Roles.ReadOnly, scope.Role);
        Assert.Throws<AccessDeniedException>(scope.EnsureCanWrite);
    }
}
