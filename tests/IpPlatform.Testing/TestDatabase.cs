using Npgsql;

namespace IpPlatform.Testing;

/// <summary>
/// A database of its own on the private test cluster that ./ipp test starts (IPP_TEST_PG); dropped when disposed.
/// Tests never touch the run data.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string _serverConnectionString;

    private TestDatabase(string serverConnectionString, string name)
    {
        _serverConnectionString = serverConnectionString;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = name }.ConnectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable("IPP_TEST_PG") is { Length: > 0 } cs
            ? cs
            : throw new InvalidOperationException(
                "IPP_TEST_PG is not set: run the tests with ./ipp test, which starts the private PostgreSQL test cluster.");

    public static Task<TestDatabase> CreateAsync() => CreateAsync(ServerConnectionString);

    /// <summary>A database on another server (a test's own <see cref="PrivateCluster"/>).</summary>
    public static async Task<TestDatabase> CreateAsync(string serverConnectionString)
    {
        var name = $"ipp_t_{Guid.NewGuid():N}"[..22];
        var db = new TestDatabase(serverConnectionString, name);
        await db.ExecuteOnServerAsync($"CREATE DATABASE \"{name}\"");
        return db;
    }

    public async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public async Task<T?> ScalarAsync<T>(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync();
        return value switch
        {
            null or DBNull => default,
            T typed => typed,
            _ => (T)Convert.ChangeType(value, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T), System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");
    }

    private async Task ExecuteOnServerAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(
            new NpgsqlConnectionStringBuilder(_serverConnectionString) { Database = "postgres", Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
