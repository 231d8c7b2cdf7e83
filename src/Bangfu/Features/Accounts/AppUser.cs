using Bangfu.Features.Organizations;
using Microsoft.AspNetCore.Identity;

namespace Bangfu.Features.Accounts;

public sealed class AppUser : IdentityUser
{
    public string? DisplayName { get; set; }
    public int? OrganizationId { get; set; }
    public Organization? Organization { get; set; }

    /// The person record of an expert's account: experts see and log their own work through it.
    public int? PersonId { get; set; }
}
