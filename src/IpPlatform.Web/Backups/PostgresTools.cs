using System.Diagnostics;
using Npgsql;

namespace IpPlatform.Web.Backups;

/// <summary>
/// Runs PostgreSQL's own client programs (pg_dump, pg_restore) against a database named by an Npgsql connection string.
/// The connection is handed over in libpq's environment variables (PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD,
/// PGSSLMODE), so the password never appears on a command line. The programs are looked for on the PATH, then in Debian's
/// /usr/lib/postgresql/N/bin (newest first); they must be at least as new as the server.
/// </summary>
public static class PostgresTools
{
    public static string Find(string program)
    {
        var candidates = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(Directory.Exists("/usr/lib/postgresql")
                ? Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0).Select(d => Path.Combine(d, "bin"))
                : []);
        return candidates.Select(dir => Path.Combine(dir, program)).FirstOrDefault(File.Exists)
            ?? throw new BackupException($"找不到 PostgreSQL 客户端程序 {program}：请安装 postgresql-client（版本不低于数据库服务器），或把它所在的目录加入 PATH。");
    }

    /// <summary>Runs <paramref name="program"/> with <paramref name="arguments"/> on the database; its error output becomes the message of a failure.</summary>
    public static async Task RunAsync(string program, string connectionString, IEnumerable<string> arguments, CancellationToken ct)
    {
        var start = new ProcessStartInfo(Find(program)) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in LibpqEnvironment(connectionString))
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new BackupException($"无法启动 {program}。");
        var errors = process.StandardError.ReadToEndAsync(ct);
        var output = process.StandardOutput.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
        {
            throw new BackupException($"{program} 失败（退出码 {process.ExitCode}）：{(await errors).Trim()} {(await output).Trim()}".Trim());
        }
    }

    /// <summary>libpq's environment for the database of <paramref name="connectionString"/>.</summary>
    public static IEnumerable<(string Name, string Value)> LibpqEnvironment(string connectionString)
    {
        var cs = new NpgsqlConnectionStringBuilder(connectionString);
        (string, string?)[] values =
        [
            ("PGHOST", cs.Host), ("PGPORT", cs.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("PGDATABASE", cs.Database),
            ("PGUSER", cs.Username), ("PGPASSWORD", cs.Password), ("PGSSLMODE", SslMode(cs.SslMode)),
            ("PGCONNECT_TIMEOUT", cs.Timeout.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ];
        return values.Where(v => !string.IsNullOrEmpty(v.Item2)).Select(v => (v.Item1, v.Item2!));
    }

    public static string DatabaseName(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString).Database ?? throw new BackupException("连接字符串没有指明数据库（Database=…）。");

    private static string SslMode(SslMode mode) => mode switch
    {
        Npgsql.SslMode.Disable => "disable",
        Npgsql.SslMode.Allow => "allow",
        Npgsql.SslMode.Require => "require",
        Npgsql.SslMode.VerifyCA => "verify-ca",
        Npgsql.SslMode.VerifyFull => "verify-full",
        _ => "prefer",
    };
}
