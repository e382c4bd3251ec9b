using System.Security.Claims;
using System.Text.Json;
using IpPlatform.Identity.Accounts;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;

namespace IpPlatform.Identity.Oidc;

/// <summary>
/// What the platform checks each time a grant is used (refresh, userinfo, introspection) beyond OpenIddict's own checks of
/// the token and its authorization: the account may still sign in and its security stamp is the one the user signed in
/// with (no password change or reset, no new second factor, not disabled or locked since), and the client is enabled.
/// </summary>
public sealed class OidcGrantChecks(DbContext db, IOpenIddictAuthorizationManager authorizations, IOpenIddictApplicationManager applications, TimeProvider clock)
{
    /// <summary>The property of a grant's authorization holding the SHA-256 of the account's security stamp at sign-in.</summary>
    public const string StampProperty = "ipp_stamp";

    public sealed record Checked(PlatformUser? User, string? Refusal);

    public async Task<string?> RefusalAsync(ClaimsPrincipal principal, CancellationToken ct) => (await CheckAsync(principal, ct)).Refusal;

    public async Task<Checked> CheckAsync(ClaimsPrincipal principal, CancellationToken ct)
    {
        foreach (var presenter in principal.GetPresenters())
        {
            if (await applications.FindByClientIdAsync(presenter, ct) is not OidcApplication { Disabled: false })
            {
                return new(null, "the client is disabled");
            }
        }

        if (principal.GetAuthorizationId() is not { } authorizationId)
        {
            return new(null, null); // client credentials: the client acts for itself
        }

        var authorization = await authorizations.FindByIdAsync(authorizationId, ct);
        if (authorization is null || !await authorizations.HasStatusAsync(authorization, OpenIddictConstants.Statuses.Valid, ct))
        {
            return new(null, "the grant has been revoked");
        }

        var stamp = (await authorizations.GetPropertiesAsync(authorization, ct)).TryGetValue(StampProperty, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
        var user = Guid.TryParse(principal.GetClaim(OpenIddictConstants.Claims.Subject), out var userId) ? await AccountAsync(db, userId) : null;
        return UserClaims.IsCurrent(user, stamp, clock.GetUtcNow())
            ? new(user, null)
            : new(null, "the account can no longer sign in, or its password or second factor changed");
    }

    /// <summary>The account behind a grant, read untracked on every use of it (the hot path of the token endpoint).</summary>
    private static readonly Func<DbContext, Guid, Task<PlatformUser?>> AccountAsync = EF.CompileAsyncQuery(
        (DbContext context, Guid id) => context.Set<PlatformUser>().AsNoTracking().FirstOrDefault(u => u.Id == id));
}
