using System.Globalization;
using System.Security.Claims;
using IpPlatform.Identity.Accounts;
using IpPlatform.Identity.Oidc;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Primitives;

namespace IpPlatform.Web.Pages.Connect;

/// <summary>
/// Whether the browser's platform sign-in may answer an authorization request, and the way to the login page when not.
/// prompt=login and max_age send the user to sign in again; the way back carries a protected "signed in after" moment
/// so that the fresh sign-in is recognised (and a replayed old link is not).
/// </summary>
public sealed class AuthorizationSession(IDataProtectionProvider protection, TimeProvider clock)
{
    public const string FreshSignInParameter = "ipp_signin_after";

    private static readonly TimeSpan MarkerLifetime = TimeSpan.FromMinutes(15);

    private ITimeLimitedDataProtector Marker => protection.CreateProtector("IpPlatform.Oidc.FreshSignIn").ToTimeLimitedDataProtector();

    /// <summary>True when the user must (re)authenticate before a code can be issued.</summary>
    public bool NeedsSignIn(AuthorizationRequest request, ClaimsPrincipal user, IEnumerable<KeyValuePair<string, StringValues>> parameters)
    {
        if (user.Identity?.IsAuthenticated != true || user.AuthenticatedAt() is not { } authTime || (user.IsStaff() && !user.UsedSecondFactor()))
        {
            return true;
        }

        if (SignedInAfter(parameters) is { } after && authTime >= after)
        {
            return false;
        }

        return request.Prompt.Contains("login") || request.Prompt.Contains("select_account")
               || (request.MaxAge is { } maxAge && clock.GetUtcNow() - authTime > TimeSpan.FromSeconds(maxAge));
    }

    /// <summary>The login page, returning to the authorization endpoint with the same request once signed in.</summary>
    public string LoginRedirect(AuthorizationRequest request, IEnumerable<KeyValuePair<string, StringValues>> parameters)
    {
        var marker = Marker.Protect(clock.GetUtcNow().AddSeconds(-1).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), MarkerLifetime);
        var back = OidcPaths.Authorize + "?" + Query(parameters.Where(p => p.Key != FreshSignInParameter).Append(new(FreshSignInParameter, marker)));
        return "/account/login?ReturnUrl=" + Uri.EscapeDataString(back)
               + (request.LoginHint is { } hint ? "&login_hint=" + Uri.EscapeDataString(hint) : "");
    }

    public static string Query(IEnumerable<KeyValuePair<string, StringValues>> parameters) =>
        string.Join('&', parameters.SelectMany(p => p.Value.Select(v => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(v ?? ""))));

    /// <summary>RFC 8176 authentication method references of the current sign-in.</summary>
    public static IReadOnlyList<string> Amr(ClaimsPrincipal user) => user.UsedSecondFactor() ? ["pwd", "otp", "mfa"] : ["pwd"];

    private DateTimeOffset? SignedInAfter(IEnumerable<KeyValuePair<string, StringValues>> parameters)
    {
        var value = parameters.FirstOrDefault(p => p.Key == FreshSignInParameter).Value;
        if (value.Count != 1)
        {
            return null;
        }

        try
        {
            return DateTimeOffset.FromUnixTimeSeconds(long.Parse(Marker.Unprotect(value[0]!), CultureInfo.InvariantCulture));
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}
