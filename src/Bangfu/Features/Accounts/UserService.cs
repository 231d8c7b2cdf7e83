using System.Security.Cryptography;
using Bangfu.Common;
using Bangfu.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Bangfu.Features.Accounts;

public sealed record UserDto(string Id, string UserName, string? DisplayName, string Role, int? OrganizationId, string? OrganizationName, bool IsLockedOut, int? PersonId = null, bool IsDisabled = false);

public sealed record SaveUserRequest(string? UserName, string? DisplayName, string? Role, int? OrganizationId, string? Password, int? PersonId = null);

/// Accounts are managed by system administrators only; the endpoints and pages check that before calling here.
public sealed class UserService(UserManager<AppUser> users, IDbContextFactory<AppDbContext> dbf, AppDbContext identityDb, TimeProvider clock, SignInThrottle throttle, SecurityLog securityLog)
{
    public async Task<IReadOnlyList<UserDto>> ListAsync(CancellationToken ct)
    {
        await using var db = await dbf.CreateDbContextAsync(ct);
        var rows = await (
            from u in db.Users.AsNoTracking()
            join ur in db.UserRoles on u.Id equals ur.UserId into urs
            from ur in urs.DefaultIfEmpty()
            join r in db.Roles on ur.RoleId equals r.Id into rs
            from r in rs.DefaultIfEmpty()
            orderby u.UserName
            select new { u.Id, u.UserName, u.DisplayName, Role = r.Name, u.OrganizationId, Org = u.Organization!.Name, u.PersonId, u.IsDisabled })
            .ToListAsync(ct);
        return rows.Select(u => new UserDto(u.Id, u.UserName!, u.DisplayName, u.Role ?? Roles.ReadOnly, u.OrganizationId, u.Org, throttle.IsSlowed(u.UserName!), u.PersonId, u.IsDisabled)).ToList();
    }

    public async Task<UserDto> CreateAsync(SaveUserRequest request, CancellationToken ct)
    {
        var v = await CheckAsync(request, ct);
        v.Required("password", request.Password, 128);
        await CheckPersonAsync(v, request, ct);
        v.ThrowIfAny();
        var user = new AppUser { UserName = request.UserName!.Trim(), DisplayName = request.DisplayName, OrganizationId = request.OrganizationId, PersonId = request.PersonId, PasswordChangedAt = clock.GetUtcNow() };
        // The account and its role are written together or not at all (the Identity stores share this context).
        await using (var tx = await identityDb.Database.BeginTransactionAsync(ct))
        {
            try
            {
                Throw(await users.CreateAsync(user, request.Password!), "password");
                Throw(await users.AddToRoleAsync(user, request.Role!), "role");
            }
            catch (DbUpdateException)
            {
                // Two requests for one new name both pass Identity's check; the unique index stops the later one.
                new Validation().Add("userName", "Identity.DuplicateUserName").ThrowIfAny();
            }
            await tx.CommitAsync(ct);
        }
        await securityLog.RecordAsync(SecurityEvents.RoleChanged, user.UserName!, Role(request.Role!), Role(null), ct: ct);
        return (await ListAsync(ct)).Single(u => u.Id == user.Id);
    }

    public async Task<UserDto?> UpdateAsync(string id, SaveUserRequest request, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
            return null;
        var v = await CheckAsync(request, ct);
        await CheckPersonAsync(v, request, ct);
        v.ThrowIfAny();
        user.UserName = request.UserName!.Trim();
        user.DisplayName = request.DisplayName;
        user.OrganizationId = request.OrganizationId;
        user.PersonId = request.PersonId;
        Throw(await users.UpdateAsync(user), "userName");
        var current = await users.GetRolesAsync(user);
        if (!current.SequenceEqual([request.Role!]))
        {
            Throw(await users.RemoveFromRolesAsync(user, current), "role");
            Throw(await users.AddToRoleAsync(user, request.Role!), "role");
            await securityLog.RecordAsync(SecurityEvents.RoleChanged, user.UserName!, Role(request.Role!), Role(string.Join(",", current)), ct: ct);
        }
        if (!string.IsNullOrEmpty(request.Password))
        {
            var token = await users.GeneratePasswordResetTokenAsync(user);
            Throw(await users.ResetPasswordAsync(user, token, request.Password), "password");
            user.PasswordChangedAt = clock.GetUtcNow();
            Throw(await users.UpdateAsync(user), "password");
            await securityLog.RecordAsync(SecurityEvents.PasswordReset, user.UserName!, ct: ct);
        }
        await users.UpdateSecurityStampAsync(user);
        return (await ListAsync(ct)).Single(u => u.Id == user.Id);
    }

    public async Task<bool> UnlockAsync(string id)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
            return false;
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        throttle.Forget(user.UserName!);
        await securityLog.RecordAsync(SecurityEvents.Unlocked, user.UserName!);
        return true;
    }

    /// A disabled account cannot sign in, and every session it has ends now. An administrator cannot disable itself.
    public async Task<UserDto?> SetDisabledAsync(string id, bool disabled, string callerId, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
            return null;
        if (disabled && user.Id == callerId)
            throw new DomainRuleException("Error.CannotDisableSelf");
        var was = user.IsDisabled;
        user.IsDisabled = disabled;
        Throw(await users.UpdateAsync(user), "isDisabled");
        await users.UpdateSecurityStampAsync(user);
        if (was != disabled)
            await securityLog.RecordAsync(disabled ? SecurityEvents.Disabled : SecurityEvents.Enabled, user.UserName!, ct: ct);
        return (await ListAsync(ct)).Single(u => u.Id == user.Id);
    }

    private static Dictionary<string, string?>? Role(string? role) => role is null ? null : new() { ["role"] = role };

    public static string GeneratePassword()
    {
        const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";
        var chars = Enumerable.Range(0, 14).Select(_ => alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)]).ToArray();
        return $"{new string(chars)}#{RandomNumberGenerator.GetInt32(10, 99)}";
    }

    // An unknown organization would otherwise reach the database as a foreign-key failure (500).
    private async Task<Validation> CheckAsync(SaveUserRequest r, CancellationToken ct)
    {
        var v = Check(r);
        if (r.OrganizationId is { } org)
        {
            await using var db = await dbf.CreateDbContextAsync(ct);
            if (!await db.Organizations.AnyAsync(o => o.Id == org, ct))
                v.Add("organizationId", "Error.UnknownOrganization");
        }
        return v;
    }

    private static Validation Check(SaveUserRequest r)
    {
        var v = new Validation().Required("userName", r.UserName, 64).Optional("displayName", r.DisplayName, 60);
        if (r.Role is null || !Roles.All.Contains(r.Role))
            v.Add("role", "Error.UnknownValue");
        else if (r.Role != Roles.SystemAdmin && r.OrganizationId is null)
            v.Add("organizationId", "Error.UserNeedsOrganization");
        return v;
    }

    /// An account may name its person record (of its own organization); an expert logs work through it, and an
    /// expert account without one can read but not log until an administrator links it.
    private async Task CheckPersonAsync(Validation v, SaveUserRequest r, CancellationToken ct)
    {
        if (r.PersonId is null)
            return;
        await using var db = await dbf.CreateDbContextAsync(ct);
        if (!await db.People.AnyAsync(p => p.Id == r.PersonId && p.OrganizationId == r.OrganizationId, ct))
            v.Add("personId", "Error.UnknownPerson");
    }

    private static void Throw(IdentityResult result, string field)
    {
        if (result.Succeeded)
            return;
        var v = new Validation();
        foreach (var e in result.Errors)
        {
            var f = e.Code.StartsWith("Password", StringComparison.Ordinal) ? "password"
                : e.Code.Contains("UserName", StringComparison.Ordinal) ? "userName" : field;
            v.Add(f, "Identity." + e.Code);
        }
        v.ThrowIfAny();
    }
}
