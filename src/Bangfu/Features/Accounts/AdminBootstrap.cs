using Bangfu.Common;
using Microsoft.AspNetCore.Identity;

namespace Bangfu.Features.Accounts;

/// Creates the roles and the first administrator. The password comes from BANGFU_ADMIN_PASSWORD, or is generated
/// and printed once: it is never written anywhere else.
public sealed class AdminBootstrap(UserManager<AppUser> users, RoleManager<IdentityRole> roles, IConfiguration config, ILogger<AdminBootstrap> log)
{
    public const string AdminUserName = "admin";

    /// Returns the password when it was generated now, so that the caller can print it.
    public async Task<string?> EnsureAsync()
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
                await roles.CreateAsync(new IdentityRole(role));
        }
        if (await users.FindByNameAsync(AdminUserName) is not null)
            return null;
        var configured = config["BANGFU_ADMIN_PASSWORD"];
        var password = string.IsNullOrEmpty(configured) ? UserService.GeneratePassword() : configured;
        var admin = new AppUser { UserName = AdminUserName, DisplayName = "系统管理员" };
        var created = await users.CreateAsync(admin, password);
        if (!created.Succeeded)
            throw new InvalidOperationException("Cannot create the administrator: " + string.Join("; ", created.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(admin, Roles.SystemAdmin);
        log.LogInformation("Administrator account created");
        return string.IsNullOrEmpty(configured) ? password : null;
    }
}
