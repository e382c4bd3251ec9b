using System.Text.Json;
using OpenIddict.Server;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Http;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace IpPlatform.Identity.Oidc.Server;

/// <summary>
/// The discovery document names every endpoint under the configured issuer (never the request's Host header, which a
/// client can forge) and the languages of the pages; it and the JWKS may be fetched from any origin and cached five
/// minutes; the JWKS is served as application/jwk-set+json (RFC 7517 §8.5).
/// </summary>
public sealed class PublishMetadata(OidcIssuer issuer)
    : IOpenIddictServerHandler<HandleConfigurationRequestContext>, IOpenIddictServerHandler<ApplyConfigurationResponseContext>, IOpenIddictServerHandler<ApplyJsonWebKeySetResponseContext>
{
    public static IEnumerable<OpenIddictServerHandlerDescriptor> Descriptors { get; } =
    [
        OpenIddictServerHandlerDescriptor.CreateBuilder<HandleConfigurationRequestContext>().UseSingletonHandler<PublishMetadata>()
            .SetOrder(OpenIddictServerHandlers.Discovery.AttachEndpoints.Descriptor.Order - 1).SetType(OpenIddictServerHandlerType.Custom).Build(),
        OpenIddictServerHandlerDescriptor.CreateBuilder<ApplyConfigurationResponseContext>().UseSingletonHandler<PublishMetadata>()
            .SetOrder(OpenIddictServerAspNetCoreHandlers.ProcessJsonResponse<ApplyConfigurationResponseContext>.Descriptor.Order - 1).SetType(OpenIddictServerHandlerType.Custom).Build(),
        OpenIddictServerHandlerDescriptor.CreateBuilder<ApplyJsonWebKeySetResponseContext>().UseSingletonHandler<PublishMetadata>()
            .SetOrder(OpenIddictServerAspNetCoreHandlers.ProcessJsonResponse<ApplyJsonWebKeySetResponseContext>.Descriptor.Order - 1).SetType(OpenIddictServerHandlerType.Custom).Build(),
    ];

    public ValueTask HandleAsync(HandleConfigurationRequestContext context)
    {
        context.Issuer = issuer.Uri;
        context.AuthorizationEndpoint = issuer.EndpointUri(OidcPaths.Authorize);
        context.TokenEndpoint = issuer.EndpointUri(OidcPaths.Token);
        context.UserInfoEndpoint = issuer.EndpointUri(OidcPaths.UserInfo);
        context.JsonWebKeySetEndpoint = issuer.EndpointUri(OidcPaths.Jwks);
        context.EndSessionEndpoint = issuer.EndpointUri(OidcPaths.EndSession);
        context.RevocationEndpoint = issuer.EndpointUri(OidcPaths.Revocation);
        context.IntrospectionEndpoint = issuer.EndpointUri(OidcPaths.Introspection);
        context.Metadata["ui_locales_supported"] = new OpenIddict.Abstractions.OpenIddictParameter(["zh-CN"]);
        return ValueTask.CompletedTask;
    }

    public ValueTask HandleAsync(ApplyConfigurationResponseContext context)
    {
        Cacheable(context.Transaction);
        return ValueTask.CompletedTask;
    }

    public async ValueTask HandleAsync(ApplyJsonWebKeySetResponseContext context)
    {
        if (context.Transaction.GetHttpRequest()?.HttpContext.Response is not { } response || context.Error is not null)
        {
            return;
        }

        Cacheable(context.Transaction);
        response.ContentType = "application/jwk-set+json";
        await response.WriteAsync(JsonSerializer.Serialize(context.Response), context.CancellationToken);
        context.HandleRequest();
    }

    private static void Cacheable(OpenIddictServerTransaction transaction)
    {
        if (transaction.GetHttpRequest()?.HttpContext.Response is { } response)
        {
            (response.Headers.CacheControl, response.Headers.AccessControlAllowOrigin) = ("public, max-age=300", "*");
        }
    }
}
