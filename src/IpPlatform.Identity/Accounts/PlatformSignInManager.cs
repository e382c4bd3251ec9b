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
    IUserConfirmation<PlatformUser> confirmation)
    : SignInManager<PlatformUser>(users, http, claims, options, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(PlatformUser user) =>
        !user.IsDisabled
        && (user.Kind == AccountKind.Staff || user.OrganisationId is not null)
        && await base.CanSignInAsync(user);
}
