using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IpPlatform.Identity.Accounts;

/// <summary>Refuses sign-in to disabled accounts and to applicants no longer in an organisation.</summary>
public sealed class PlatformSignInManager(
    UserManager<PlatformUser> users,
    IHttpContextAccessor http,
    IUserClaimsPrincipalFactory<PlatformUser> claims,
    IOptions<IdentityOptions> options,
    ILogger<SignInManager<PlatformUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<PlatformUser> confirmation,
    TimeProvider clock)
    : SignInManager<PlatformUser>(users, http, claims, options, logger, schemes, confirmation)
{
    /// <summary>Every sign-in records when it happened (OIDC auth_time; prompt=login and max_age are measured against it).</summary>
    public override Task SignInWithClaimsAsync(PlatformUser user, AuthenticationProperties? authenticationProperties, IEnumerable<System.Security.Claims.Claim> additionalClaims)
    {
        var claims = additionalClaims.ToList();
        if (!claims.Any(c => c.Type == PlatformClaims.AuthTime))
        {
            claims.Add(new System.Security.Claims.Claim(PlatformClaims.AuthTime, clock.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        return base.SignInWithClaimsAsync(user, authenticationProperties, claims);
    }

    public override async Task<bool> CanSignInAsync(PlatformUser user) =>
        !user.IsDisabled
        && (user.Kind == AccountKind.Staff || user.OrganisationId is not null)
        && await base.CanSignInAsync(user);
}
