using System.Diagnostics;
using System.Security.Cryptography;
using Npgsql;

namespace IpPlatform.Testing;

/// <summary>
/// A PostgreSQL cluster of a test's own (initdb in a temporary folder, loopback on a free port, password auth), which
/// the test may stop and start again: for what happens while the database is down. Run as the postgres OS user when the
/// tests run as root (initdb refuses root), as ./ipp does. Binaries from IPP_PG_BIN (./ipp test sets it).
/// </summary>
public sealed class PrivateCluster : IAsyncDisposable
{
    private static readonly string Bin = Environment.GetEnvironmentVariable("IPP_PG_BIN") is { Length: > 0 } bin ? bin : "/usr/lib/postgresql/15/bin";

    private static readonly bool AsRoot = Environment.UserName == "root";

    private readonly string _root = Path.Combine(Path.GetTempPath(), "ipp-pg-" + Guid.NewGuid().ToString("N")[..12]);

    private string Data => Path.Combine(_root, "data");

    private readonly string _password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    private PrivateCluster(int port) => Port = port;

    public int Port { get; }

    /// <summary>The server (no database named), like IPP_TEST_PG.</summary>
    public string ServerConnectionString => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1", Port = Port, Username = "app", Password = _password,
    }.ConnectionString;

    public static async Task<PrivateCluster> StartAsync()
    {
        var cluster = new PrivateCluster(FreeLoopbackPort());
        var passwordFile = Path.Combine(cluster._root, "password");
        await RunAsync("mkdir", ["-m", "700", cluster._root]);
        await RunAsync("sh", ["-c", "umask 077 && cat > \"$1\"", "sh", passwordFile], stdin: cluster._password);
        await RunAsync(Path.Combine(Bin, "initdb"),
            ["-D", cluster.Data, "-U", "app", $"--pwfile={passwordFile}", "-A", "scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"]);
        await RunAsync("rm", [passwordFile]);
        await cluster.StartAgainAsync();
        return cluster;
    }

    /// <summary>Starts the (stopped) server on its port again.</summary>
    public Task StartAgainAsync() => RunAsync(Path.Combine(Bin, "pg_ctl"),
    [
        "-D", Data, "-l", Path.Combine(_root, "server.log"), "-w", "-t", "60",
        "-o", $"-c listen_addresses=127.0.0.1 -p {Port} -k {_root} -c fsync=off -c synchronous_commit=off -c full_page_writes=off", "start",
    ]);

    /// <summary>Stops the server as an administrator does (fast shutdown: sessions are ended, new connections refused).</summary>
    public Task StopAsync() => RunAsync(Path.Combine(Bin, "pg_ctl"), ["-D", Data, "-m", "fast", "-w", "stop"]);

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            await RunAsync(Path.Combine(Bin, "pg_ctl"), ["-D", Data, "-m", "immediate", "-w", "stop"]);
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }

        await RunAsync("rm", ["-rf", _root]);
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Runs a command (as the postgres OS user when root) and waits for it; throws with its output when it fails.</summary>
    private static async Task RunAsync(string command, IEnumerable<string> arguments, string? stdin = null)
    {
        var start = new ProcessStartInfo(AsRoot ? "runuser" : command)
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = "/",
        };
        if (AsRoot)
        {
            foreach (var a in new[] { "-u", "postgres", "--", command })
            {
                start.ArgumentList.Add(a);
            }
        }

        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(stdin ?? "");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{command} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await output}{await error}");
        }
    }
}
