using System.Text.Json.Nodes;
using IpPlatform.Identity.Accounts;
using IpPlatform.Identity.Authorization;
using IpPlatform.Identity.Oidc;
using IpPlatform.Kernel.Audit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Primitives;
using OpenIddict.Abstractions;

namespace IpPlatform.Web.Pages.Connect;

/// <summary>
/// Asks the user whether a client (not one of the platform's own) may receive what it asked for. The page is a second
/// OpenIddict authorization endpoint: the request travels with it and is validated again on submit; the answer issues
/// the code (or access_denied) directly.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class ConsentModel(
    IOpenIddictApplicationManager applications, OidcIssuer issuer, AuthorizationSession session, ConsentService consents, SignOnPrincipal principals, AuditLog audit)
    : AuthorizationPageModel(applications, issuer)
{
    private static readonly string[] OwnFields = ["__RequestVerificationToken", "decision", "remember"];

    public AuthorizationRequest? Authorization { get; private set; }

    public IReadOnlyList<KeyValuePair<string, StringValues>> Parameters { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync() => await PrepareAsync(HttpContext.Request.Query.ToList()) ?? Page();

    public async Task<IActionResult> OnPostAsync(string? decision, bool remember)
    {
        var form = await HttpContext.Request.ReadFormAsync();
        if (await PrepareAsync(form.Where(f => !OwnFields.Contains(f.Key)).ToList()) is { } early)
        {
            return early;
        }

        var request = Authorization!;
        if (decision != "allow")
        {
            await audit.RecordAsync("oidc.consent-denied", objectType: "oidc-client", objectId: request.Client.ClientId,
                details: new JsonObject { ["scope"] = string.Join(' ', request.Scopes) });
            return RedirectWithError(OpenIddictConstants.Errors.AccessDenied, "the user declined");
        }

        if (remember)
        {
            await consents.RememberAsync(User.UserId(), request.Client.Id, request.Client.ClientId, request.Scopes, HttpContext.RequestAborted);
        }

        return await SignInWithCodeAsync(principals, request);
    }

    /// <summary>Validates the carried request; returns where to go instead of this page, or null to show it.</summary>
    private async Task<IActionResult?> PrepareAsync(List<KeyValuePair<string, StringValues>> parameters)
    {
        var (request, refusal) = await ValidateAsync(parameters);
        if (request is null)
        {
            return refusal!;
        }

        // Only the authorization endpoint decides about sign-in, prompt and max_age; it sends the request here with a ticket.
        if (!session.HasConsentTicket(HttpContext, parameters) || await session.NeedsSignInAsync(HttpContext, request with { Prompt = new HashSet<string>(), MaxAge = null }, parameters))
        {
            return Redirect(OidcPaths.Authorize + "?" + AuthorizationSession.Query(parameters.Where(p => p.Key != AuthorizationSession.ConsentTicketParameter)));
        }

        (Authorization, Parameters) = (request, parameters);
        Hosting.FormActionSources.Allow(HttpContext, request.RedirectUri);
        return null;
    }
}
