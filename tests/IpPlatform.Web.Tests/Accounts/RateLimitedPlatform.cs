using System.Net;
using IpPlatform.Testing;
using IpPlatform.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace IpPlatform.Web.Tests.Accounts;

/// <summary>
/// The platform with small rate limits of its own configuration: <see cref="PerAddress"/> requests per client address
/// and <see cref="PerAccount"/> per account, for every limited action (windows as the defaults have them; none per
/// account for reset links), and one known proxy. In process a request has no client address, so each takes the one its <see cref="PeerHeader"/> names
/// (as if the connection came from there), or a new one of its own — so what a test does to set things up never counts
/// against one address.
/// </summary>
public sealed class RateLimitedPlatform : PlatformFactory
{
    public const int PerAddress = 3;
    public const int PerAccount = 2;
    public const string Proxy = "192.0.2.10";
    public const string PeerHeader = "X-Test-Peer";

    protected override IEnumerable<string> ExtraRecipes => ["recipes/demo.recipe.json"];

    protected override void ConfigureRateLimits(IWebHostBuilder builder)
    {
        foreach (var action in Enum.GetValues<LimitedAction>())
        {
            builder.UseSetting($"{RateLimitOptions.Section}:{action}:PermitLimit", PerAddress.ToString());
            builder.UseSetting($"{RateLimitOptions.Section}:{action}:AccountPermitLimit", PerAccount.ToString());
        }

        // 0 turns a limit off: reset links are counted per address only here.
        builder.UseSetting($"{RateLimitOptions.Section}:{LimitedAction.PasswordReset}:AccountPermitLimit", "0");
        builder.UseSetting("Platform:KnownProxies:0", Proxy);
        builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter, Peers>());
    }

    /// <summary>A client whose requests all come from <paramref name="address"/>.</summary>
    public FormClient From(string address)
    {
        var client = NewFormClient();
        client.Http.DefaultRequestHeaders.Add(PeerHeader, address);
        return client;
    }

    private sealed class Peers : IStartupFilter
    {
        private int _count;

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = context.Request.Headers.TryGetValue(PeerHeader, out var peer)
                    ? IPAddress.Parse(peer.ToString())
                    : new IPAddress(BitConverter.GetBytes(Interlocked.Increment(ref _count)).Take(2).Reverse().Prepend((byte)18).Prepend((byte)198).ToArray());
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
