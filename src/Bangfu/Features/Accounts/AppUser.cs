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

    /// A disabled account cannot sign in and its sessions end; an administrator enables it again.
    public bool IsDisabled { get; set; }

    /// When the password was last set (null: before this was recorded; counted from the next sign-in).
    public DateTimeOffset? PasswordChangedAt { get; set; }
}
