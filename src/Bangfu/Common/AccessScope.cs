using System.Globalization;
using System.Security.Claims;

namespace Bangfu.Common;

public static class Roles
{
    public const string SystemAdmin = "SystemAdmin";
    public const string Commission = "Commission";
    public const string OrgAdmin = "OrgAdmin";
    public const string Expert = "Expert";
    public const string ReadOnly = "ReadOnly";

    public static readonly IReadOnlyList<string> All = [SystemAdmin, Commission, OrgAdmin, Expert, ReadOnly];
}

public static class BangfuClaims
{
    public const string OrganizationId = "bangfu:org";
    public const string RegionPrefix = "bangfu:region";
    public const string PersonId = "bangfu:person";
}

/// What the caller may see and change. Every query of private records is filtered through it.
public sealed record AccessScope(string UserName, string Role, int? OrganizationId, string? RegionPrefix, int? PersonId = null)
{
    public bool IsExpert => Role == Roles.Expert;

    public bool IsAdmin => Role == Roles.SystemAdmin;
    public bool IsCommission => Role == Roles.Commission;
    public bool IsOrgAdmin => Role == Roles.OrgAdmin;

    /// Commissions read a whole region; everybody else reads through their own organization.
    public bool ReadsRegion => IsCommission && RegionPrefix is not null;

    public bool CanWriteRegistry => IsAdmin || IsOrgAdmin;

    public void EnsureCanWrite()
    {
        if (!CanWriteRegistry)
            throw new AccessDeniedException();
    }

    public static AccessScope From(ClaimsPrincipal user)
    {
        var role = Roles.All.FirstOrDefault(user.IsInRole) ?? Roles.ReadOnly;
        var org = user.FindFirst(BangfuClaims.OrganizationId)?.Value;
        var person = user.FindFirst(BangfuClaims.PersonId)?.Value;
        return new AccessScope(
            user.Identity?.Name ?? "anonymous",
            role,
            int.TryParse(org, CultureInfo.InvariantCulture, out var id) ? id : null,
            user.FindFirst(BangfuClaims.RegionPrefix)?.Value,
            int.TryParse(person, CultureInfo.InvariantCulture, out var pid) ? pid : null);
    }

    /// The part of a 6-digit division code that names the region: 510000 → "51", 510400 → "5104".
    public static string RegionPrefixOf(string regionCode) =>
        regionCode.EndsWith("0000", StringComparison.Ordinal) ? regionCode[..2]
        : regionCode.EndsWith("00", StringComparison.Ordinal) ? regionCode[..4]
        : regionCode;
}
