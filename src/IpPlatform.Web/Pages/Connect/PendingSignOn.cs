using IpPlatform.Identity.Oidc;
using IpPlatform.Web.Hosting;
using Microsoft.AspNetCore.Mvc.Filters;

namespace IpPlatform.Web.Pages.Connect;

/// <summary>A sign-in page that may be on the way back to the authorization endpoint.</summary>
public interface IReturnsToSignOn
{
    string? ReturnUrl { get; }
}

/// <summary>
/// For the sign-in pages (password, second factor, authenticator enrolment): the client a returnUrl into the
/// authorization endpoint leads to, once the request has been validated (a registered client, exactly one of its
/// registered redirect addresses). Its origin is allowed as a form action, since browsers apply form-action to the
/// redirects that follow the form; the page can name the client (<see cref="ClientOf"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class PendingSignOnAttribute : Attribute, IAsyncPageFilter
{
    private const string Key = "ipp.sso.client";

    public static OidcClient? ClientOf(HttpContext context) => context.Items[Key] as OidcClient;

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (context.HandlerInstance is IReturnsToSignOn { ReturnUrl: { } returnUrl } && returnUrl.StartsWith(OidcPaths.Authorize + "?", StringComparison.Ordinal))
        {
            var http = context.HttpContext;
            var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(returnUrl[(returnUrl.IndexOf('?') + 1)..]);
            if (query["client_id"] is [{ } clientId] && query["redirect_uri"] is [{ } redirectUri]
                && await http.RequestServices.GetRequiredService<OidcClientCache>().FindAsync(clientId, http.RequestAborted) is { } client
                && client.RedirectUris.Contains(redirectUri, StringComparer.Ordinal))
            {
                FormActionSources.Allow(http, redirectUri);
                http.Items[Key] = client;
            }
        }

        await next();
    }
}
