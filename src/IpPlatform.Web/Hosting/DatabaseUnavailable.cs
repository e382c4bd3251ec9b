using System.Net.Sockets;
using Npgsql;

namespace IpPlatform.Web.Hosting;

/// <summary>
/// Tells an exception that means "PostgreSQL cannot be reached right now" (down, restarting, refusing connections, out
/// of connections, the pool timing out) from every other failure, wherever EF Core wrapped it, and names the reason in a
/// few words (no host, port or credentials).
/// </summary>
public static class DatabaseUnavailable
{
    /// <summary>
    /// Server states that pass: 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now (starting or
    /// recovering), 53300 too_many_connections, 53000 insufficient_resources, and class 08 (connection exceptions).
    /// </summary>
    private static readonly HashSet<string> UnavailableStates = ["57P01", "57P02", "57P03", "53300", "53000"];

    public static bool IsCause(Exception exception) => Find(exception) is not null;

    /// <summary>The reason in a few words, for logs and /healthz; null when <paramref name="exception"/> is not about the database being unavailable.</summary>
    public static string? Reason(Exception exception) => Find(exception) switch
    {
        null => null,
        PostgresException p => $"{p.SqlState} {p.MessageText}",
        var found => Describe(found.InnerException) ?? "connection failed",
    };

    /// <summary>
    /// After the server went away (shut down, crashed, the connection broke), the idle connections the pools hold lead
    /// nowhere: they are dropped, so the next request opens a new one rather than failing on an old one once PostgreSQL is
    /// back. Not after a timeout or "too many connections", where the connections are sound and dropping them adds load.
    /// </summary>
    public static void ForgetConnections(Exception exception)
    {
        var lost = Find(exception) switch
        {
            PostgresException p => p.SqlState is "57P01" or "57P02" || p.SqlState.StartsWith("08", StringComparison.Ordinal),
            { InnerException: TimeoutException } => false,
            null => false,
            _ => true,
        };
        if (lost)
        {
            NpgsqlConnection.ClearAllPools();
        }
    }

    private static Exception? Find(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException p when UnavailableStates.Contains(p.SqlState) || p.SqlState.StartsWith("08", StringComparison.Ordinal):
                    return p;
                case PostgresException:
                    return null;
                case NpgsqlException { IsTransient: true } n:
                    // Npgsql's own failures: the socket (refused, reset, closed mid-query), a timeout (connecting, or
                    // waiting for a pooled connection).
                    return n;
                case AggregateException aggregate:
                    return aggregate.InnerExceptions.Select(Find).FirstOrDefault(f => f is not null);
            }
        }

        return null;
    }

    private static string? Describe(Exception? inner) => inner switch
    {
        SocketException s => $"socket: {s.SocketErrorCode}",
        TimeoutException => "timeout",
        EndOfStreamException => "connection closed by the server",
        IOException io => Describe(io.InnerException) ?? "connection broken",
        _ => null,
    };
}
