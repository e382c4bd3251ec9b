using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Http;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace IpPlatform.Identity.Oidc.Server;

/// <summary>
/// OIDC Core §5.3.1 lets a client POST to the UserInfo endpoint with the token in the Authorization header and no body;
/// such a request is read as an empty form (OpenIddict would refuse it for lacking a content type).
/// </summary>
public sealed class UserInfoPostWithoutBody : IOpenIddictServerHandler<ExtractUserInfoRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ExtractUserInfoRequestContext>()
        .UseSingletonHandler<UserInfoPostWithoutBody>()
        .SetOrder(OpenIddictServerAspNetCoreHandlers.ExtractGetOrPostRequest<ExtractUserInfoRequestContext>.Descriptor.Order - 1)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public ValueTask HandleAsync(ExtractUserInfoRequestContext context)
    {
        if (context.Transaction.GetHttpRequest() is { } http && HttpMethods.IsPost(http.Method) && string.IsNullOrEmpty(http.ContentType) && http.ContentLength is null or 0)
        {
            http.ContentType = "application/x-www-form-urlencoded";
        }

        return ValueTask.CompletedTask;
    }
}
