using System.Security.Claims;
using System.Text.Json.Nodes;
using IpPlatform.Identity.Accounts;
using IpPlatform.Kernel.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IpPlatform.Identity.Oidc;

/// <summary>Issues authorization codes and builds the redirects back to the client (RFC 6749 §4.1.2, RFC 9207 iss).</summary>
public sealed class AuthorizationCodes(DbContext db, OidcIssuer issuer, AuditLog audit, IOptions<IdentityOptions> identity, TimeProvider clock)
{
    /// <summary>
    /// A code for the signed-in <paramref name="user"/>, carrying when and how they signed in and the security stamp their
    /// sign-in cookie was issued with (the grant ends when the stamp changes); the redirect back to the client with it.
    /// </summary>
    public async Task<string> IssueAsync(AuthorizationRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var userId = user.UserId();
        var securityStamp = user.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType) ?? "";
        var authTime = user.AuthenticatedAt() ?? throw new InvalidOperationException("A code is issued for a sign-in that has an auth_time.");
        var amr = user.AuthenticationMethods();
        var code = OpaqueToken.New();
        var now = clock.GetUtcNow();
        db.Add(new OidcCode
        {
            Hash = OpaqueToken.Hash(code), ClientId = request.Client.ClientId, UserId = userId, RedirectUri = request.RedirectUri,
            Scopes = [.. request.Scopes], Nonce = request.Nonce, CodeChallenge = request.CodeChallenge, AuthTime = authTime, Amr = [.. amr],
            StampHash = OpaqueToken.Hash(securityStamp),
            CreatedAt = now, ExpiresAt = now + OidcLifetimes.Code,
        });
        audit.Add("oidc.code-issued", objectType: "oidc-client", objectId: request.Client.ClientId, actorId: userId,
            details: new JsonObject { ["scope"] = string.Join(' ', request.Scopes), ["redirectUri"] = request.RedirectUri });
        await db.SaveChangesAsync(ct);
        return Redirect(request.RedirectUri, request.State, ("code", code));
    }

    public string ErrorRedirect(string redirectUri, string? state, OidcError error) =>
        Redirect(redirectUri, state, ("error", error.Code), ("error_description", error.Description));

    private string Redirect(string redirectUri, string? state, params (string Name, string Value)[] values)
    {
        var parameters = values.ToList();
        if (state is not null)
        {
            parameters.Add(("state", state));
        }

        parameters.Add(("iss", issuer.Url));
        var query = string.Join('&', parameters.Select(p => Uri.EscapeDataString(p.Name) + "=" + Uri.EscapeDataString(p.Value)));
        return redirectUri + (redirectUri.Contains('?') ? "&" : "?") + query;
    }
}
