using System.Security.Claims;
using IpPlatform.Identity.Oidc;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace IpPlatform.Web.Api;

/// <summary>
/// The token endpoint (RFC 6749 §3.2) in OpenIddict's pass-through: OpenIddict has authenticated the client and validated
/// the code (PKCE, redirect_uri, single use) or refresh token; the platform checks the account behind the grant again,
/// caps a grant at 30 days however often it is refreshed, and gives a client acting for itself no user scope.
/// Revocation (RFC 7009) and introspection (RFC 7662) are OpenIddict's alone; their routes exist here for CORS only.
/// </summary>
public static class OidcTokenApi
{
    private const string Scheme = OidcErrors.Scheme;

    public static void MapOidcTokens(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(OidcPaths.Token, async (HttpContext http, OidcGrantChecks checks, GrantRevocation grants,
            IOpenIddictAuthorizationManager authorizations, TimeProvider clock) =>
        {
            var request = http.GetOpenIddictServerRequest()!;
            var ct = http.RequestAborted;
            if (request.IsClientCredentialsGrantType())
            {
                // Every scope the provider knows concerns a person; a client acting for itself gets none of them.
                if (!string.IsNullOrWhiteSpace(request.Scope))
                {
                    return Refuse(Errors.InvalidScope, "user scopes cannot be granted to a client acting for itself");
                }

                var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
                identity.SetClaim(Claims.Subject, request.ClientId);
                identity.SetResources(request.ClientId!);
                identity.SetDestinations(_ => [Destinations.AccessToken]);
                return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: Scheme);
            }

            var principal = (await http.AuthenticateAsync(Scheme)).Principal!;
            var authorizationId = principal.GetAuthorizationId();
            if (await checks.RefusalAsync(principal, ct) is { } refusal)
            {
                if (authorizationId is not null)
                {
                    await grants.RevokeAsync(authorizationId, "account-changed", ct);
                }

                return Refuse(Errors.InvalidGrant, refusal);
            }

            // Each refresh token lives 14 days; rotation cannot stretch a grant past 30 days from the sign-in.
            var created = authorizationId is not null && await authorizations.FindByIdAsync(authorizationId, ct) is { } grant
                ? await authorizations.GetCreationDateAsync(grant, ct) ?? clock.GetUtcNow()
                : clock.GetUtcNow();
            var left = created + OidcLifetimes.GrantMaximum - clock.GetUtcNow();
            if (left <= TimeSpan.Zero)
            {
                return Refuse(Errors.InvalidGrant, "the grant has reached its 30-day limit; sign in again");
            }

            principal.SetRefreshTokenLifetime(left < OidcLifetimes.RefreshToken ? left : OidcLifetimes.RefreshToken);
            return Results.SignIn(principal, authenticationScheme: Scheme);
        }).DisableAntiforgery().RequireCors(OidcCorsPolicyProvider.Policy).ExcludeFromDescription()
            // Counted before OpenIddict (which runs in the authentication middleware) does any work on the request.
            .WithMetadata(new Hosting.RateLimitedAttribute(Hosting.LimitedAction.Token));

        // Answered by OpenIddict before these run; routed so that CORS applies to browser applications' calls.
        endpoints.MapPost(OidcPaths.Revocation, () => Results.StatusCode(StatusCodes.Status500InternalServerError))
            .DisableAntiforgery().RequireCors(OidcCorsPolicyProvider.Policy).ExcludeFromDescription();
    }

    private static IResult Refuse(string error, string description) => Results.Forbid(OidcErrors.Properties(error, description), [Scheme]);
}
