using System.Net;
using System.Net.Sockets;
using System.Security.Claims;
using System.Text;
using IpPlatform.Identity.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace IpPlatform.Web.Hosting;

/// <summary>
/// A request that counts against a rate limit: what it does, from which client address, and which account it concerns
/// (null where none does). Worked out before the limiter runs — partly asynchronously (a form field, a cookie) — and
/// kept as a request feature for the limiter's partitions and its refusal.
/// </summary>
public sealed class LimitedRequest(LimitedAction action, string address, string? account)
{
    public LimitedAction Action { get; } = action;

    public string Address { get; } = address;

    public string? Account { get; } = account;

    /// <summary>Set by the limiter of the dimension that refused the request.</summary>
    public RateLimitDimension? RefusedBy { get; set; }

    public string? KeyFor(RateLimitDimension dimension) => dimension == RateLimitDimension.Address ? Address : Account;

    public static LimitedRequest? Of(HttpContext http) => http.Features.Get<LimitedRequest>();

    /// <summary>Names the limited action of each request (or none), before <c>UseRateLimiter</c>.</summary>
    public static async Task IdentifyAsync(HttpContext http, RequestDelegate next)
    {
        var marks = http.GetEndpoint()?.Metadata.GetOrderedMetadata<RateLimitedAttribute>() ?? [];
        var mark = marks.FirstOrDefault(m => m.Applies(http));
        http.Features.Set(mark is null ? null : new LimitedRequest(mark.Action, AddressOf(http), await AccountOfAsync(http, mark.Action)));
        await next(http);
    }

    /// <summary>
    /// The client's address as the forwarded-headers middleware left it (X-Forwarded-For counts only from the proxies in
    /// Platform:KnownProxies). An IPv6 address counts by its /64 — one subscriber usually holds a whole /64.
    /// </summary>
    public static string AddressOf(HttpContext http)
    {
        var address = http.Connection.RemoteIpAddress;
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    /// <summary>The account a request concerns, for the actions limited per account too.</summary>
    private static async Task<string?> AccountOfAsync(HttpContext http, LimitedAction action) => action switch
    {
        // The user name as typed, the way Identity compares it; whatever account (if any) it names.
        LimitedAction.SignIn => Normalized(await FormValueAsync(http, "Input.Email")),
        LimitedAction.PasswordResetRequest => Normalized(await FormValueAsync(http, "Email")),
        // The account that passed the password and owes its second factor (Identity's short-lived cookie).
        LimitedAction.SecondFactor => (await http.AuthenticateAsync(IdentityConstants.TwoFactorUserIdScheme)).Principal?.FindFirstValue(ClaimTypes.Name),
        // The account an emailed reset link names.
        LimitedAction.PasswordReset => Normalized(http.Request.Query["u"].ToString()),
        LimitedAction.Invitation or LimitedAction.Objection or LimitedAction.Upload =>
            (await http.AuthenticateAsync()).Principal?.UserId() is { } id && id != Guid.Empty ? id.ToString() : null,
        _ => null,
    };

    /// <summary>
    /// A field of the posted form, read as model binding would read it anyway (the forms limited per user name take no
    /// files; uploads are limited by the signed-in account and never read here).
    /// </summary>
    private static async Task<string?> FormValueAsync(HttpContext http, string name)
    {
        if (!http.Request.HasFormContentType)
        {
            return null;
        }

        try
        {
            return (await http.Request.ReadFormAsync(http.RequestAborted))[name].FirstOrDefault();
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or BadHttpRequestException)
        {
            return null;   // a malformed body is refused by model binding later; it still counts against its address
        }
    }

    private static string? Normalized(string? value)
    {
        var trimmed = value?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null : (trimmed.Length > 256 ? trimmed[..256] : trimmed).ToUpperInvariant().Normalize(NormalizationForm.FormKC);
    }
}
