using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace IpPlatform.Kernel.Caching;

/// <summary>
/// Listens on <see cref="CacheBroadcast.Channel"/> on a connection of its own (named <see cref="ApplicationName"/> in
/// pg_stat_activity) and evicts here what another instance evicted there, within milliseconds of its commit. When the
/// connection is lost it reconnects, waiting <see cref="FirstRetry"/> and then twice as long each time up to
/// <see cref="LongestRetry"/>; notifications sent meanwhile are lost, so after every LISTEN (the first one too: the
/// start-up recipes may have filled caches before it) everything cached is evicted once. An idle link is checked every
/// <see cref="Idle"/>.
/// </summary>
public sealed class CacheBroadcastListener(CacheBroadcast broadcast, IEnumerable<ILocalEviction> evictions, ILogger<CacheBroadcastListener> logger)
    : BackgroundService
{
    public static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(100);

    public static readonly TimeSpan LongestRetry = TimeSpan.FromSeconds(10);

    public static readonly TimeSpan Idle = TimeSpan.FromSeconds(30);

    private readonly Dictionary<string, ILocalEviction> _topics = evictions.ToDictionary(e => e.Topic, StringComparer.Ordinal);
    private int _connections;
    private long _received;
    private long _echoes;
    private volatile bool _listening;

    /// <summary>The listening connection's application_name: this instance's, so an operator (or a test) can find it.</summary>
    public string ApplicationName => $"ipp-cache {broadcast.InstanceId:N}";

    /// <summary>How many times the listener has connected and listened (1 after start; each reconnection adds one).</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Whether the listener is listening now.</summary>
    public bool Listening => _listening;

    /// <summary>Notifications of other instances applied here.</summary>
    public long Received => Interlocked.Read(ref _received);

    /// <summary>This instance's own notifications heard back, and ignored (it evicted locally when it sent them).</summary>
    public long Echoes => Interlocked.Read(ref _echoes);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = FirstRetry;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(() => delay = FirstRetry, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                _listening = false;
                logger.LogWarning(ex, "Cache eviction listener disconnected; reconnecting in {Delay} ms", delay.TotalMilliseconds);
                try
                {
                    await Task.Delay(delay, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, LongestRetry.Ticks));
            }
        }
    }

    private async Task ListenAsync(Action connected, CancellationToken ct)
    {
        var builder = new NpgsqlConnectionStringBuilder(broadcast.ConnectionString())
        {
            ApplicationName = ApplicationName, Pooling = false, TcpKeepAlive = true,
        };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(ct);
        connection.Notification += (_, e) => Apply(e.Payload);
        await using (var listen = new NpgsqlCommand($"LISTEN {CacheBroadcast.Channel}", connection))
        {
            await listen.ExecuteNonQueryAsync(ct);
        }

        // Whatever changed while nobody here listened is unknown: drop everything once, now that every later change is heard.
        foreach (var eviction in _topics.Values)
        {
            eviction.EvictLocally(null);
        }

        _listening = true;
        var count = Interlocked.Increment(ref _connections);
        if (count > 1)
        {
            logger.LogWarning("Cache eviction listener reconnected (connection {Count}); every cache of this instance was evicted", count);
        }

        connected();
        while (true)
        {
            if (!await connection.WaitAsync(Idle, ct))
            {
                await using var ping = new NpgsqlCommand("SELECT 1", connection);
                await ping.ExecuteNonQueryAsync(ct);
            }
        }
    }

    private void Apply(string payload)
    {
        if (broadcast.IsOwn(payload))
        {
            Interlocked.Increment(ref _echoes);
            return;
        }

        if (broadcast.Parse(payload) is not { } message)
        {
            return;
        }

        if (_topics.TryGetValue(message.Topic, out var eviction))
        {
            try
            {
                eviction.EvictLocally(message.Key);
                Interlocked.Increment(ref _received);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Cache eviction {Payload} failed here", payload);
            }
        }
    }
}
