using System.Diagnostics;
using IpPlatform.Kernel.Caching;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;

namespace IpPlatform.Web.Tests.ScaleOut;

/// <summary>
/// A second instance of the platform beside the assembly's (<see cref="WebFixture"/>): its own host, caches, search
/// index, cache listener and Quartz scheduler, on the same database and the same data directory (shared storage), as
/// two instances behind a load balancer are.
/// </summary>
public sealed class SecondInstance(WebFixture first) : IAsyncDisposable
{
    /// <summary>How long a test waits for a change made on one instance to show on the other before it fails.</summary>
    public static readonly TimeSpan PollDeadline = TimeSpan.FromSeconds(15);

    public PlatformFactory Other { get; } = new(first.Database, first.DataDirectory);

    public static async Task<SecondInstance> StartAsync(WebFixture first)
    {
        var second = new SecondInstance(first);
        await second.Other.InitializeAsync();
        // Both listen before the test changes anything (a change made while one is still connecting is not heard).
        await UntilAsync(() => Task.FromResult(first.Services.GetRequiredService<CacheBroadcastListener>().Listening
            && second.Other.Services.GetRequiredService<CacheBroadcastListener>().Listening), TimeSpan.FromSeconds(10), "both cache listeners listening");
        return second;
    }

    /// <summary>A visitor of the second instance.</summary>
    public FormClient Visitor() => Other.NewFormClient();

    /// <summary>
    /// One browser (one cookie jar) whose requests a round-robin load balancer sends to the first instance, then the
    /// second, in turn: a page is rendered by one and its form posted to the other. <paramref name="served"/> counts the
    /// requests each instance answered.
    /// </summary>
    public FormClient BalancedClient(int[] served, System.Net.CookieContainer? jar = null) =>
        new(new HttpClient(new CookieContainerHandler(jar ?? new System.Net.CookieContainer())
        {
            InnerHandler = new RoundRobin([first.Server.CreateHandler(), Other.Server.CreateHandler()], served),
        }) { BaseAddress = new Uri("http://localhost") });

    /// <summary>A client of one instance only, with the given cookie jar (no redirects followed).</summary>
    public static FormClient ClientOf(WebApplicationFactory<Program> instance, System.Net.CookieContainer jar) =>
        new(instance.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(jar)));

    /// <summary>Polls <paramref name="visible"/> until it holds (every 5 ms) and returns how long it took; fails after <paramref name="deadline"/>.</summary>
    public static async Task<TimeSpan> UntilAsync(Func<Task<bool>> visible, TimeSpan deadline, string what)
    {
        var watch = Stopwatch.StartNew();
        while (!await visible())
        {
            if (watch.Elapsed > deadline)
            {
                throw new ShouldAssertException($"{what}: still not so after {deadline.TotalSeconds:0} s");
            }

            await Task.Delay(5);
        }

        return watch.Elapsed;
    }

    public async ValueTask DisposeAsync() => await Other.DisposeAsync();

    private sealed class RoundRobin(HttpMessageHandler[] instances, int[] served) : HttpMessageHandler
    {
        private readonly HttpMessageInvoker[] _invokers = [.. instances.Select(h => new HttpMessageInvoker(h))];
        private int _next;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            var which = (Interlocked.Increment(ref _next) - 1) % _invokers.Length;
            Interlocked.Increment(ref served[which]);
            return _invokers[which].SendAsync(request, ct);
        }

        protected override void Dispose(bool disposing)
        {
            foreach (var invoker in _invokers)
            {
                invoker.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
