using System.Text.Json.Nodes;
using IpPlatform.Kernel.Audit;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Identity.Oidc;

/// <summary>Issues authorization codes and builds the redirects back to the client (RFC 6749 §4.1.2, RFC 9207 iss).</summary>
public sealed class AuthorizationCodes(DbContext db, OidcIssuer issuer, AuditLog audit, TimeProvider clock)
{
    /// <param name="securityStamp">The account's security stamp as the sign-in cookie carries it (bound to the grant).</param>
    public async Task<string> IssueAsync(AuthorizationRequest request, Guid userId, string securityStamp, DateTimeOffset authTime, IReadOnlyList<string> amr, CancellationToken ct)
    {
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
