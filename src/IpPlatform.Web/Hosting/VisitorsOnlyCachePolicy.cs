using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;

namespace IpPlatform.Web.Hosting;

/// <summary>
/// The output cache answers before rate limits and sign-in are looked at, so that a cached public page costs little more
/// than sending it. There nobody is signed in yet, and the default policy's own check (is the user authenticated?) lets
/// everyone through: this one keeps the cache out of every request that carries the sign-in cookie (a signed-in page
/// has the visitor's name and form tokens; it is rendered, never looked up or stored) and of every page that requires
/// authorization. An Authorization header is refused by the default policy.
/// </summary>
public sealed class VisitorsOnlyCachePolicy : IOutputCachePolicy
{
    ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var http = context.HttpContext;
        var signIn = http.RequestServices.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>()
            .Get(IdentityConstants.ApplicationScheme).Cookie.Name!;
        if (http.Request.Cookies.ContainsKey(signIn) || http.GetEndpoint()?.Metadata.GetMetadata<IAuthorizeData>() is not null)
        {
            (context.EnableOutputCaching, context.AllowCacheLookup, context.AllowCacheStorage) = (false, false, false);
        }

        return ValueTask.CompletedTask;
    }

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;
}
