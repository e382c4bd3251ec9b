using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using IpPlatform.Identity.Accounts;
using IpPlatform.Identity.Authorization;
using IpPlatform.Identity.Oidc;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Primitives;

namespace IpPlatform.Web.Pages.Connect;

/// <summary>
/// Whether the browser's platform sign-in may answer an authorization request, and the way to the login page when not.
/// prompt=login and max_age send the user to sign in again. The way back carries a protected marker "signed in after T,
/// for this client, in the browser holding nonce N" and the browser gets N in a cookie: the marker only counts in the
/// browser it was made for, for its client, once, within 15 minutes — and only if the sign-in came after T.
/// </summary>
public sealed class AuthorizationSession(IDataProtectionProvider protection, IAuthorizationService authorization, TimeProvider clock)
{
    public const string FreshSignInParameter = "ipp_signin_after";

    private const string NonceCookie = "ipp.oidc.fresh";

    private static readonly TimeSpan MarkerLifetime = TimeSpan.FromMinutes(15);

    private ITimeLimitedDataProtector Marker => protection.CreateProtector("IpPlatform.Oidc.FreshSignIn").ToTimeLimitedDataProtector();

    /// <summary>True when the user must (re)authenticate before a code can be issued.</summary>
    public async Task<bool> NeedsSignInAsync(HttpContext http, AuthorizationRequest request, IEnumerable<KeyValuePair<string, StringValues>> parameters)
    {
        var user = http.User;
        if (user.Identity?.IsAuthenticated != true || user.AuthenticatedAt() is not { } authTime || (user.IsStaff() && !user.UsedSecondFactor())
            || !(await authorization.AuthorizeAsync(user, Policies.SignedIn)).Succeeded)
        {
            return true; // also an account disabled, reset or removed from its organisation since the cookie was issued
        }

        if (ConsumeFreshSignIn(http, request, parameters) is { } after && authTime >= after)
        {
            return false;
        }

        return request.Prompt.Contains("login") || request.Prompt.Contains("select_account")
               || (request.MaxAge is { } maxAge && clock.GetUtcNow() - authTime > TimeSpan.FromSeconds(maxAge));
    }

    /// <summary>The login page, returning to the authorization endpoint with the same request once signed in.</summary>
    public string LoginRedirect(HttpContext http, AuthorizationRequest request, IEnumerable<KeyValuePair<string, StringValues>> parameters)
    {
        var nonce = System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
        http.Response.Cookies.Append(NonceCookie, nonce, new CookieOptions
        {
            HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = http.Request.IsHttps, Path = OidcPaths.Authorize, MaxAge = MarkerLifetime, IsEssential = true,
        });
        var since = clock.GetUtcNow().AddSeconds(-1).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var marker = Marker.Protect(string.Join('|', nonce, since, request.Client.ClientId), MarkerLifetime);
        var back = OidcPaths.Authorize + "?" + Query(parameters.Where(p => p.Key != FreshSignInParameter).Append(new(FreshSignInParameter, marker)));
        return "/account/login?ReturnUrl=" + Uri.EscapeDataString(back)
               + (request.LoginHint is { } hint ? "&login_hint=" + Uri.EscapeDataString(hint) : "");
    }

    /// <summary>
    /// The consent page's address for a request the authorization endpoint has checked (sign-in, prompt, max_age): the
    /// request plus a protected ticket over it, this user and this sign-in, so the page need not — and a hand-made or
    /// someone else's consent address cannot — skip those checks.
    /// </summary>
    public string ConsentRedirect(HttpContext http, IEnumerable<KeyValuePair<string, StringValues>> parameters)
    {
        var request = parameters.Where(p => p.Key is not (FreshSignInParameter or ConsentTicketParameter)).ToList();
        var ticket = ConsentTickets.Protect(TicketSubject(http, request), MarkerLifetime);
        return "/connect/consent?" + Query(request.Append(new(ConsentTicketParameter, ticket)));
    }

    public const string ConsentTicketParameter = "ipp_consent";

    /// <summary>True when the parameters carry a valid ticket for exactly themselves, the signed-in user and their sign-in.</summary>
    public bool HasConsentTicket(HttpContext http, IEnumerable<KeyValuePair<string, StringValues>> parameters)
    {
        var list = parameters.ToList();
        var ticket = list.FirstOrDefault(p => p.Key == ConsentTicketParameter).Value;
        if (ticket.Count != 1)
        {
            return false;
        }

        try
        {
            return ConsentTickets.Unprotect(ticket[0]!) == TicketSubject(http, list.Where(p => p.Key != ConsentTicketParameter));
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private ITimeLimitedDataProtector ConsentTickets => protection.CreateProtector("IpPlatform.Oidc.ConsentTicket").ToTimeLimitedDataProtector();

    private static string TicketSubject(HttpContext http, IEnumerable<KeyValuePair<string, StringValues>> parameters) =>
        string.Join('\n', http.User.UserId(), http.User.FindFirstValue(PlatformClaims.AuthTime), Canonical(parameters));

    private static string Canonical(IEnumerable<KeyValuePair<string, StringValues>> parameters) =>
        Query(parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new KeyValuePair<string, StringValues>(p.Key, new StringValues([.. p.Value.Order(StringComparer.Ordinal)]))));

    public static string Query(IEnumerable<KeyValuePair<string, StringValues>> parameters) =>
        string.Join('&', parameters.SelectMany(p => p.Value.Select(v => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(v ?? ""))));

    /// <summary>The moment a valid marker vouches for; the browser's nonce cookie is spent either way.</summary>
    private DateTimeOffset? ConsumeFreshSignIn(HttpContext http, AuthorizationRequest request, IEnumerable<KeyValuePair<string, StringValues>> parameters)
    {
        var value = parameters.FirstOrDefault(p => p.Key == FreshSignInParameter).Value;
        if (value.Count != 1 || http.Request.Cookies[NonceCookie] is not { Length: > 0 } nonce)
        {
            return null;
        }

        http.Response.Cookies.Delete(NonceCookie, new CookieOptions { Path = OidcPaths.Authorize });
        try
        {
            var parts = Marker.Unprotect(value[0]!).Split('|');
            return parts.Length == 3 && CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(parts[0]), System.Text.Encoding.ASCII.GetBytes(nonce))
                   && parts[2] == request.Client.ClientId
                ? DateTimeOffset.FromUnixTimeSeconds(long.Parse(parts[1], CultureInfo.InvariantCulture))
                : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
