using System.Text.Json.Nodes;
using IpPlatform.Identity.Oidc;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IpPlatform.Web.Api;

/// <summary>
/// The back-channel endpoints relying parties call with client authentication: token (RFC 6749 §3.2), revocation
/// (RFC 7009) and introspection (RFC 7662, confidential clients only). Errors use the specifications' codes.
/// </summary>
public static class OidcTokenApi
{
    public static void MapOidcTokens(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(OidcPaths.Token, async (HttpContext http, ClientAuthentication clients, TokenService tokens) =>
        {
            if (await AuthenticateAsync(http, clients) is not { } caller)
            {
                return LastError(http);
            }

            var (form, client) = caller;
            var ct = http.RequestAborted;
            var result = form["grant_type"].ToString() switch
            {
                "authorization_code" => await tokens.ExchangeCodeAsync(client, One(form, "code"), One(form, "redirect_uri"), One(form, "code_verifier"), ct),
                "refresh_token" => await tokens.RefreshAsync(client, One(form, "refresh_token"), One(form, "scope"), ct),
                "client_credentials" => await tokens.ClientCredentialsAsync(client, One(form, "scope"), ct),
                "" => TokenResult.Fail("invalid_request", "grant_type is required"),
                _ => TokenResult.Fail("unsupported_grant_type", "supported: authorization_code, refresh_token, client_credentials"),
            };
            if (result.Error is { } error)
            {
                return Error(400, error.Code, error.Description);
            }

            var r = result.Response!;
            var body = new JsonObject { ["access_token"] = r.AccessToken, ["token_type"] = "Bearer", ["expires_in"] = r.ExpiresIn, ["scope"] = r.Scope };
            if (r.IdToken is not null)
            {
                body["id_token"] = r.IdToken;
            }

            if (r.RefreshToken is not null)
            {
                body["refresh_token"] = r.RefreshToken;
            }

            return Results.Json(body);
        }).DisableAntiforgery().RequireCors(OidcCorsPolicyProvider.Policy).ExcludeFromDescription();

        endpoints.MapPost(OidcPaths.Revocation, async (HttpContext http, ClientAuthentication clients, GrantRevocation grants) =>
        {
            if (await AuthenticateAsync(http, clients) is not { } caller)
            {
                return LastError(http);
            }

            if (One(caller.Form, "token") is not { } token)
            {
                return Error(400, "invalid_request", "token is required");
            }

            await grants.RevokeTokenAsync(caller.Client, token, http.RequestAborted);
            return Results.Ok();
        }).DisableAntiforgery().RequireCors(OidcCorsPolicyProvider.Policy).ExcludeFromDescription();

        endpoints.MapPost(OidcPaths.Introspection, async (HttpContext http, ClientAuthentication clients, GrantRevocation grants) =>
        {
            if (await AuthenticateAsync(http, clients) is not { } caller)
            {
                return LastError(http);
            }

            if (caller.Client.Type != OidcClientType.Confidential)
            {
                return Error(401, "invalid_client", "introspection is for confidential clients");
            }

            return One(caller.Form, "token") is { } token
                ? Results.Json(await grants.IntrospectAsync(caller.Client, token, http.RequestAborted))
                : Error(400, "invalid_request", "token is required");
        }).DisableAntiforgery().ExcludeFromDescription();
    }

    private const string ErrorItem = "ipp.oidc.error";

    /// <summary>Reads the form and authenticates the client; on failure the error response is left in the request's items.</summary>
    private static async Task<(IFormCollection Form, OidcClient Client)?> AuthenticateAsync(HttpContext http, ClientAuthentication clients)
    {
        (http.Response.Headers.CacheControl, http.Response.Headers.Pragma) = ("no-store", "no-cache");
        if (!http.Request.HasFormContentType)
        {
            http.Items[ErrorItem] = Error(400, "invalid_request", "the body must be application/x-www-form-urlencoded");
            return null;
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        if (form.FirstOrDefault(f => f.Value.Count > 1).Key is { } repeated)
        {
            http.Items[ErrorItem] = Error(400, "invalid_request", $"parameter {repeated} is repeated");
            return null;
        }

        var result = await clients.AuthenticateAsync(http.Request.Headers.Authorization.ToString(), One(form, "client_id"), One(form, "client_secret"), http.RequestAborted);
        if (result.Client is null)
        {
            if (result.UsedBasic)
            {
                http.Response.Headers.WWWAuthenticate = "Basic realm=\"ipp\"";
            }

            http.Items[ErrorItem] = Error(result.Error == "invalid_client" ? 401 : 400, result.Error!, result.Description!);
            return null;
        }

        return (form, result.Client);
    }

    private static IResult LastError(HttpContext http) => (IResult)http.Items[ErrorItem]!;

    private static string? One(IFormCollection form, string name) => form[name] is { Count: 1 } v && !string.IsNullOrEmpty(v[0]) ? v[0] : null;

    private static JsonHttpResult<JsonObject> Error(int status, string code, string description) =>
        TypedResults.Json(new JsonObject { ["error"] = code, ["error_description"] = description }, statusCode: status);
}
