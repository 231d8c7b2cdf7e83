using System.Globalization;
using System.Security.Claims;
using Bangfu.Common;
using Bangfu.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bangfu.Features.Accounts;

public static class AccountSetup
{
    public const string SmartScheme = "Bangfu";
    public static readonly TimeSpan SessionTimeout = TimeSpan.FromMinutes(30);
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(1);

    public static IServiceCollection AddBangfuAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        var accountOptions = configuration.GetSection(AccountOptions.Section).Get<AccountOptions>() ?? new AccountOptions();
        services.AddSingleton(accountOptions);
        services.AddSingleton<SignInThrottle>();
        services.AddScoped<SignInService>();
        services.AddScoped<SessionService>();
        services.AddScoped<SessionCheck>();
        services.AddHttpContextAccessor();
        services.AddSignInLimits(accountOptions);
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = SmartScheme;
                o.DefaultChallengeScheme = SmartScheme;
            })
            // Scripts send a bearer token; browsers carry the Identity cookie.
            .AddPolicyScheme(SmartScheme, SmartScheme, o => o.ForwardDefaultSelector = http =>
                http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? IdentityConstants.BearerScheme
                    : IdentityConstants.ApplicationScheme)
            .AddBearerToken(IdentityConstants.BearerScheme, o => o.BearerTokenExpiration = TokenLifetime)
            .AddIdentityCookies(o => o.ApplicationCookie?.Configure(c =>
            {
                c.LoginPath = "/login";
                c.LogoutPath = "/logout";
                c.AccessDeniedPath = "/forbidden";
                c.ExpireTimeSpan = SessionTimeout;
                c.SlidingExpiration = true;
                c.Cookie.Name = "bangfu.auth";
                c.Cookie.HttpOnly = true;
                c.Cookie.SameSite = SameSiteMode.Lax;
                // Secure whenever the request came over https (directly or, with BehindProxy, through the proxy).
                c.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                // An API call answers 401/403; only pages redirect to the login form.
                c.Events.OnRedirectToLogin = ctx => ApiAware(ctx, StatusCodes.Status401Unauthorized);
                c.Events.OnRedirectToAccessDenied = ctx => ApiAware(ctx, StatusCodes.Status403Forbidden);
            }));

        services.AddIdentityCore<AppUser>(ConfigureIdentity)
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<BangfuClaimsFactory>()
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddDefaultTokenProviders();

        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(5));
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.SystemAdmin));
        services.AddScoped<UserService>();
        services.AddScoped<AdminBootstrap>();
        return services;
    }

    public static void ConfigureIdentity(IdentityOptions o)
    {
        // 等保 2.0 level 3: complex passwords, lockout after repeated failures.
        o.Password.RequiredLength = 10;
        o.Password.RequireDigit = true;
        o.Password.RequireLowercase = true;
        o.Password.RequireUppercase = true;
        o.Password.RequireNonAlphanumeric = true;
        o.Password.RequiredUniqueChars = 5;
        // Failed sign-ins slow the next attempt (SignInThrottle) instead of Identity's lockout, which a stranger could
        // use to keep the administrator out for good.
        o.Lockout.AllowedForNewUsers = false;
        o.User.RequireUniqueEmail = false;
        o.Stores.SchemaVersion = IdentitySchemaVersions.Version3;
    }

    private static Task ApiAware(RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api"))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }
}

public static class Policies
{
    public const string Admin = "Admin";
}

/// Puts the caller's organization (and a commission's region) into the principal, so scope checks need no lookup.
public sealed class BangfuClaimsFactory(UserManager<AppUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options, IDbContextFactory<AppDbContext> dbf)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.OrganizationId is { } orgId)
        {
            identity.AddClaim(new Claim(BangfuClaims.OrganizationId, orgId.ToString(CultureInfo.InvariantCulture)));
            await using var db = await dbf.CreateDbContextAsync();
            var region = await db.Organizations.Where(o => o.Id == orgId).Select(o => o.RegionCode).FirstOrDefaultAsync();
            if (region is not null)
                identity.AddClaim(new Claim(BangfuClaims.RegionPrefix, AccessScope.RegionPrefixOf(region)));
        }
        if (user.PersonId is { } personId)
            identity.AddClaim(new Claim(BangfuClaims.PersonId, personId.ToString(CultureInfo.InvariantCulture)));
        if (user.DisplayName is not null)
            identity.AddClaim(new Claim("bangfu:display", user.DisplayName));
        return identity;
    }
}
