using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IpPlatform.Identity.Accounts;

/// <summary>What the sign-in cookie says about an account, read by the authorization checks.</summary>
public static class PlatformClaims
{
    public const string Kind = "ipp:kind";
    public const string Organisation = "ipp:org";
    public const string OrganisationAdmin = "ipp:org-admin";

    /// <summary>One claim per role assignment, "CityReviewer@210100".</summary>
    public const string Role = "ipp:role";

    /// <summary>A staff account's province: the code of the authority the authorities recipe puts at the top.</summary>
    public const string Province = "ipp:province";

    /// <summary>Set by Identity when the sign-in used a second factor.</summary>
    public const string AuthenticationMethod = "amr";

    /// <summary>When the user last authenticated (Unix seconds), kept across cookie renewals.</summary>
    public const string AuthTime = "auth_time";

    public static DateTimeOffset? AuthenticatedAt(this ClaimsPrincipal user) =>
        long.TryParse(user.FindFirstValue(AuthTime), out var seconds) ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;

    public static Guid UserId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : Guid.Empty;

    public static Guid? OrganisationId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(Organisation), out var id) ? id : null;

    public static bool IsOrganisationAdmin(this ClaimsPrincipal user) => user.HasClaim(OrganisationAdmin, "true");

    public static bool IsStaff(this ClaimsPrincipal user) => user.HasClaim(Kind, nameof(AccountKind.Staff));

    public static bool UsedSecondFactor(this ClaimsPrincipal user) => user.HasClaim(AuthenticationMethod, "mfa");

    /// <summary>RFC 8176 authentication method references of the sign-in (OIDC amr).</summary>
    public static IReadOnlyList<string> AuthenticationMethods(this ClaimsPrincipal user) => user.UsedSecondFactor() ? ["pwd", "otp", "mfa"] : ["pwd"];

    public static IEnumerable<RoleAssignment> RoleAssignments(this ClaimsPrincipal user)
    {
        var province = user.FindFirstValue(Province);
        return user.FindAll(Role)
            .Select(c => c.Value.Split('@', 2))
            .Where(p => p.Length == 2 && Enum.TryParse<StaffRole>(p[0], out _))
            .Select(p => new RoleAssignment(Enum.Parse<StaffRole>(p[0]), p[1], province is not null && p[1] == province));
    }
}

/// <summary>A staff role held at an authority; <paramref name="AtProvince"/> when that authority is the province.</summary>
public sealed record RoleAssignment(StaffRole Role, string Authority, bool AtProvince);

/// <summary>Adds the platform's claims when the cookie is issued and each time the security stamp is re-validated.</summary>
public sealed class PlatformClaimsFactory(UserManager<PlatformUser> users, IOptions<IdentityOptions> options, DbContext db, Kernel.Authorities.AuthorityNames authorities)
    : UserClaimsPrincipalFactory<PlatformUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(PlatformUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(ClaimTypes.GivenName, user.DisplayName));
        identity.AddClaim(new Claim(PlatformClaims.Kind, user.Kind.ToString()));
        if (user.OrganisationId is { } org)
        {
            identity.AddClaim(new Claim(PlatformClaims.Organisation, org.ToString()));
            if (user.IsOrganisationAdmin)
            {
                identity.AddClaim(new Claim(PlatformClaims.OrganisationAdmin, "true"));
            }
        }

        if (user.Kind == AccountKind.Staff)
        {
            var roles = await db.Set<StaffRoleAssignment>().AsNoTracking().Where(r => r.UserId == user.Id).ToListAsync();
            if (await authorities.ProvinceAsync() is { } province)
            {
                identity.AddClaim(new Claim(PlatformClaims.Province, province));
            }

            foreach (var r in roles)
            {
                identity.AddClaim(new Claim(PlatformClaims.Role, $"{r.Role}@{r.AuthorityCode}"));
            }
        }

        return identity;
    }
}
