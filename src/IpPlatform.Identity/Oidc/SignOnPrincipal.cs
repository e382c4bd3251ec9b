using System.Security.Claims;
using System.Text.Json;
using IpPlatform.Identity.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace IpPlatform.Identity.Oidc;

/// <summary>
/// What a code carries for the signed-in user: a new grant (an ad-hoc authorization every token from the code will
/// share, holding the hash of the security stamp the sign-in cookie was issued with — the grant ends when it changes),
/// sub = the account id, when and how the user signed in (auth_time, amr), the scopes and the client as audience.
/// Profile, organisation and role claims are not put in tokens: the userinfo endpoint serves them by scope.
/// </summary>
public sealed class SignOnPrincipal(IOpenIddictAuthorizationManager authorizations, IOptions<IdentityOptions> identity, TimeProvider clock)
{
    public async Task<ClaimsPrincipal> ForAsync(OidcClient client, ClaimsPrincipal user, IReadOnlyCollection<string> scopes, CancellationToken ct)
    {
        var userId = user.UserId().ToString();
        var stamp = user.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType) ?? "";
        var authTime = user.AuthenticatedAt() ?? throw new InvalidOperationException("A code is issued for a sign-in that has an auth_time.");
        var grant = await authorizations.CreateAsync(new OpenIddictAuthorizationDescriptor
        {
            ApplicationId = client.Id.ToString(), Subject = userId, Type = AuthorizationTypes.AdHoc, Status = Statuses.Valid,
            CreationDate = clock.GetUtcNow(), Scopes = { },
            Properties = { [OidcGrantChecks.StampProperty] = JsonSerializer.SerializeToElement(OpaqueToken.Hash(stamp)) },
        }.WithScopes(scopes), ct);

        var claims = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        claims.SetClaim(Claims.Subject, userId);
        claims.SetClaim(Claims.AuthenticationTime, authTime.ToUnixTimeSeconds());
        // An array even with one method (OIDC Core §2): a JSON array claim, which the token handler writes as it is.
        claims.AddClaim(new Claim(Claims.AuthenticationMethodReference, JsonSerializer.Serialize(user.AuthenticationMethods().ToArray()), Microsoft.IdentityModel.JsonWebTokens.JsonClaimValueTypes.JsonArray));
        claims.SetScopes(scopes);
        claims.SetResources(client.ClientId);
        claims.SetAuthorizationId(await authorizations.GetIdAsync(grant, ct));
        claims.SetDestinations(claim => claim.Type switch
        {
            Claims.Subject or Claims.AuthenticationTime => [Destinations.AccessToken, Destinations.IdentityToken],
            Claims.AuthenticationMethodReference => [Destinations.IdentityToken],
            _ => [],
        });
        return new ClaimsPrincipal(claims);
    }
}

internal static class AuthorizationDescriptors
{
    public static OpenIddictAuthorizationDescriptor WithScopes(this OpenIddictAuthorizationDescriptor descriptor, IEnumerable<string> scopes)
    {
        descriptor.Scopes.UnionWith(scopes);
        return descriptor;
    }
}
