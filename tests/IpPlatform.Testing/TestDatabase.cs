using Npgsql;

namespace IpPlatform.Testing;

/// <summary>
/// A database of its own on the private test cluster that ./ipp test starts (IPP_TEST_PG); dropped when disposed.
/// Tests never touch the run data. As in production, the database belongs to an owner role (migrations run as it) and
/// the platform connects as a role that may only read and write rows (<see cref="AppConnectionString"/>); both roles
/// are created on the cluster when missing, with the password of the cluster's administrator.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    /// <summary>The role that owns the test databases and runs the migrations.</summary>
    public const string OwnerRole = "ipp_owner";

    /// <summary>The role the platform connects as.</summary>
    public const string AppRole = "ipp_web";

    private static readonly SemaphoreSlim RolesOnce = new(1, 1);
    private static readonly HashSet<string> RolesReady = [];
    private readonly string _serverConnectionString;

    private TestDatabase(string serverConnectionString, string name)
    {
        _serverConnectionString = serverConnectionString;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = name }.ConnectionString;
        OwnerConnectionString = new NpgsqlConnectionStringBuilder(ConnectionString) { Username = OwnerRole }.ConnectionString;
        AppConnectionString = new NpgsqlConnectionStringBuilder(ConnectionString) { Username = AppRole }.ConnectionString;
    }

    public string Name { get; }

    /// <summary>The cluster administrator on this database: what tests use to look at (and tamper with) the data.</summary>
    public string ConnectionString { get; }

    /// <summary>The owner's connection (ConnectionStrings:Migrations of the platform under test).</summary>
    public string OwnerConnectionString { get; }

    /// <summary>The platform's own connection (ConnectionStrings:Default): rows only, no schema changes.</summary>
    public string AppConnectionString { get; }

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
        await db.EnsureRolesAsync();
        await db.ExecuteOnServerAsync($"CREATE DATABASE \"{name}\" OWNER {OwnerRole}");
        return db;
    }

    /// <summary>Opens a connection as the platform's own role.</summary>
    public async Task<NpgsqlConnection> OpenAsAppAsync()
    {
        var connection = new NpgsqlConnection(AppConnectionString);
        await connection.OpenAsync();
        return connection;
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

    /// <summary>Both roles, once per process and server; another process creating them at the same moment is no error.</summary>
    private async Task EnsureRolesAsync()
    {
        await RolesOnce.WaitAsync();
        try
        {
            if (RolesReady.Contains(_serverConnectionString))
            {
                return;
            }

            var password = (new NpgsqlConnectionStringBuilder(_serverConnectionString).Password ?? "").Replace("'", "''", StringComparison.Ordinal);
            foreach (var role in new[] { OwnerRole, AppRole })
            {
                await ExecuteOnServerAsync($"""
                    DO $$ BEGIN
                      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{role}') THEN CREATE ROLE {role} LOGIN PASSWORD '{password}'; END IF;
                    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
                    END $$
                    """);
            }

            RolesReady.Add(_serverConnectionString);
        }
        finally
        {
            RolesOnce.Release();
        }
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
