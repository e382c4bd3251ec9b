using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace IpPlatform.Kernel.Caching;

/// <summary>
/// Tells the other instances on the same database what this one has just evicted, by PostgreSQL NOTIFY on
/// <see cref="Channel"/>: every local eviction (<see cref="ReferenceDataCache"/>, <see cref="PublicPageCache"/>, the search
/// pulse, the registered-client cache) calls <see cref="Send"/> after the change it follows has been committed, and each
/// instance's <see cref="CacheBroadcastListener"/> evicts the same on its side. A payload is
/// <c>{instance}:{topic}[:{key}]</c>; an instance ignores its own. Sending never blocks the caller: payloads are queued
/// and sent together on a pooled connection, in order, retried a few times; one that cannot be sent is logged and the
/// caches' lifetimes (30 s for pages, 5 minutes for reference data, 1 s for search) bound how stale another instance is.
/// Works without the host running (the CLI verbs): disposing flushes what is queued.
/// </summary>
public sealed class CacheBroadcast(IServiceScopeFactory scopes, ILogger<CacheBroadcast> logger) : IAsyncDisposable
{
    /// <summary>The PostgreSQL notification channel of cache evictions.</summary>
    public const string Channel = "ipp_cache";

    /// <summary>PostgreSQL refuses a payload of 8000 bytes or more: a longer key evicts its whole topic instead.</summary>
    private const int MaxPayloadBytes = 7900;

    private static readonly TimeSpan[] Retries = [TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(1)];

    private readonly Channel<string> _queue = System.Threading.Channels.Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _starting = new();
    private Task? _sending;
    private string? _connectionString;

    /// <summary>This instance (process and host) among those sharing the database; its own notifications come back to it and are ignored.</summary>
    public Guid InstanceId { get; } = Guid.NewGuid();

    /// <summary>Queues a notification that <paramref name="topic"/> (its <paramref name="key"/>, or all of it) changed here.</summary>
    public void Send(string topic, string? key = null)
    {
        try
        {
            // Read now, while the caller's services are alive (a CLI verb disposes them right after its last eviction).
            _ = ConnectionString();
        }
        catch (Exception ex) when (ex is InvalidOperationException)
        {
            logger.LogWarning(ex, "Cache eviction of {Topic} not broadcast: no database connection", topic);
            return;
        }

        var payload = $"{InstanceId:N}:{topic}" + (key is null ? "" : ":" + key);
        if (System.Text.Encoding.UTF8.GetByteCount(payload) > MaxPayloadBytes)
        {
            payload = $"{InstanceId:N}:{topic}";
        }

        if (!_queue.Writer.TryWrite(payload))
        {
            return; // disposed: the process is stopping
        }

        lock (_starting)
        {
            _sending ??= Task.Run(SendLoopAsync);
        }
    }

    /// <summary>Reads a payload: null when it is this instance's own or not one of ours.</summary>
    /// <summary>Whether <paramref name="payload"/> was sent by this instance (PostgreSQL delivers a session's own notifications to it).</summary>
    public bool IsOwn(string payload) =>
        payload.Length >= 32 && Guid.TryParseExact(payload.AsSpan(0, 32), "N", out var instance) && instance == InstanceId;

    public (string Topic, string? Key)? Parse(string payload)
    {
        var parts = payload.Split(':', 3);
        if (parts.Length < 2 || !Guid.TryParseExact(parts[0], "N", out var instance) || instance == InstanceId || parts[1].Length == 0)
        {
            return null;
        }

        return (parts[1], parts.Length == 3 ? parts[2] : null);
    }

    /// <summary>The platform's connection string, as its database context is configured (read once).</summary>
    public string ConnectionString()
    {
        if (_connectionString is { } known)
        {
            return known;
        }

        using var scope = scopes.CreateScope();
        return _connectionString = scope.ServiceProvider.GetRequiredService<DbContext>().Database.GetConnectionString()
            ?? throw new InvalidOperationException("The platform's database context has no connection string.");
    }

    private async Task SendLoopAsync()
    {
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync())
        {
            var batch = new List<string>();
            while (batch.Count < 500 && reader.TryRead(out var payload))
            {
                if (!batch.Contains(payload))
                {
                    batch.Add(payload);
                }
            }

            await SendBatchAsync(batch);
        }
    }

    private async Task SendBatchAsync(List<string> batch)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await using var connection = new NpgsqlConnection(ConnectionString());
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand("SELECT pg_notify(@channel, p) FROM unnest(@payloads) AS p", connection);
                command.Parameters.AddWithValue("channel", Channel);
                command.Parameters.AddWithValue("payloads", batch.ToArray());
                await command.ExecuteNonQueryAsync();
                return;
            }
            catch (Exception ex)
            {
                if (attempt == Retries.Length)
                {
                    logger.LogWarning(ex, "Cache evictions not broadcast ({Payloads}); other instances catch up within the caches' lifetimes", string.Join(", ", batch));
                    return;
                }

                await Task.Delay(Retries[attempt]);
            }
        }
    }

    /// <summary>Sends what is still queued (up to 5 s), then refuses more.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        Task? sending;
        lock (_starting)
        {
            sending = _sending;
        }

        if (sending is not null)
        {
            await sending.WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }
}
