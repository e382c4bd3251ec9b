using System.Net.Sockets;
using IpPlatform.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace IpPlatform.Web.Tests;

/// <summary>Which failures count as "PostgreSQL cannot be reached right now" (answered 503), however EF Core wrapped them.</summary>
public sealed class DatabaseUnavailableTests
{
    private static PostgresException Server(string sqlState) => new("message", "FATAL", "FATAL", sqlState);

    public static TheoryData<string, Exception> Unavailable => new()
    {
        { "refused", new NpgsqlException("Failed to connect to 10.0.0.1:5432", new SocketException((int)SocketError.ConnectionRefused)) },
        { "broken mid-query", new NpgsqlException("Exception while reading from stream", new EndOfStreamException()) },
        { "pool exhausted", new NpgsqlException("The connection pool has been exhausted", new TimeoutException()) },
        { "57P01 admin_shutdown", Server("57P01") },
        { "57P03 cannot_connect_now", Server("57P03") },
        { "53300 too_many_connections", Server("53300") },
        { "08006 connection_failure", Server("08006") },
        { "EF retries exhausted", new RetryLimitExceededException("retries", Server("57P01")) },
        { "a failed save", new DbUpdateException("save", new NpgsqlException("write", new IOException("reset", new SocketException((int)SocketError.ConnectionReset)))) },
        { "EF's transient wrapper", new InvalidOperationException("transient", new NpgsqlException("read", new EndOfStreamException())) },
    };

    [Theory]
    [MemberData(nameof(Unavailable))]
    public void Counts_as_unavailable(string what, Exception exception)
    {
        DatabaseUnavailable.IsCause(exception).ShouldBeTrue(what);
        DatabaseUnavailable.Reason(exception).ShouldNotBeNullOrWhiteSpace(what);
        DatabaseUnavailable.Reason(exception)!.ShouldNotContain("10.0.0.1", customMessage: what);
    }

    public static TheoryData<string, Exception> Other => new()
    {
        { "a unique violation", new DbUpdateException("save", Server("23505")) },
        { "a syntax error", Server("42601") },
        { "a wrong password (configuration, not an outage)", Server("28P01") },
        { "a bare timeout elsewhere", new TimeoutException() },
        { "a bug", new InvalidOperationException("bug") },
    };

    [Theory]
    [MemberData(nameof(Other))]
    public void Other_failures_stay_errors(string what, Exception exception)
    {
        DatabaseUnavailable.IsCause(exception).ShouldBeFalse(what);
        DatabaseUnavailable.Reason(exception).ShouldBeNull(what);
    }
}
