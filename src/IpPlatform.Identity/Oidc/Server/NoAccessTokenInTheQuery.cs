using OpenIddict.Server;
using Microsoft.AspNetCore;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace IpPlatform.Identity.Oidc.Server;

/// <summary>RFC 6750 §2.3 is not offered: an access token in the query string (logged, cached, leaked by Referer) is ignored.</summary>
public sealed class NoAccessTokenInTheQuery : IOpenIddictServerHandler<ExtractUserInfoRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ExtractUserInfoRequestContext>()
        .UseSingletonHandler<NoAccessTokenInTheQuery>()
        .SetOrder(int.MaxValue - 100_000)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public async ValueTask HandleAsync(ExtractUserInfoRequestContext context)
    {
        if (context.Transaction.GetHttpRequest() is { } http && http.Query.ContainsKey("access_token") && context.Request is { } request
            && !http.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            && !(http.HasFormContentType && (await http.ReadFormAsync(context.CancellationToken)).ContainsKey("access_token")))
        {
            request.AccessToken = null;
        }
    }
}
