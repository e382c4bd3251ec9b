using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace IpPlatform.Web.Data;

/// <summary>
/// Gives the app's role (the user of ConnectionStrings:Default) what serving needs and nothing more, on the owner's
/// connection after the migrations: it reads, inserts, updates and deletes the rows of every table and uses the sequences,
/// but owns nothing and may create nothing (no table, index or trigger: no schema change). The append-only tables — those
/// the migrations guard with the <c>ipp_refuse_change()</c> triggers: the audit log, the review and award histories, the
/// submission snapshots, profile changes, bans and credit records — it may only read and insert: the grants refuse an
/// UPDATE, DELETE or TRUNCATE before the trigger would. The migrations history it may only read. Default privileges give
/// the tables a later migration creates the same rights; every migrate run applies all of this again (idempotent).
/// Nothing is done when the app connects as the owner (one role for everything, as a simple installation has it).
/// </summary>
public static class GrantAppRole
{
    /// <summary>The trigger function the append-only tables share (created by the Accounts migration).</summary>
    public const string AppendOnlyFunction = "ipp_refuse_change";

    public sealed record Result(string AppRole, string Owner, IReadOnlyList<string> AppendOnlyTables, IReadOnlyList<string> Warnings);

    /// <summary>Applies the grants; null when the app's role is the owner (nothing to grant).</summary>
    public static async Task<Result?> RunAsync(PlatformDbContext owner, string appConnectionString, CancellationToken ct = default)
    {
        var appRole = await AppRoleAsync(appConnectionString, ct);
        var connection = (NpgsqlConnection)owner.Database.GetDbConnection();
        var (ownerRole, schema) = await Row2Async(connection, "SELECT current_user::text, current_schema()::text", ct);
        if (string.Equals(appRole, ownerRole, StringComparison.Ordinal))
        {
            return null;
        }

        if (!await ScalarAsync<bool>(connection, "SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = @role)", ct, ("role", appRole)))
        {
            throw new InvalidOperationException(
                $"应用连接（ConnectionStrings:Default）的数据库角色“{appRole}”不存在：请先创建它（CREATE ROLE \"{appRole}\" LOGIN PASSWORD '…'），见 README 的“Database roles”一节。");
        }

        var appendOnly = await ListAsync(connection, $"""
            SELECT DISTINCT c.relname::text FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid JOIN pg_class c ON c.oid = t.tgrelid
            WHERE p.proname = '{AppendOnlyFunction}' AND c.relnamespace = current_schema()::regnamespace ORDER BY 1
            """, ct);
        var (app, s) = (Quote(appRole), Quote(schema));
        var history = Quote(PlatformDbContext.MigrationsHistoryTable);
        var sql = $"""
            GRANT USAGE ON SCHEMA {s} TO {app};
            REVOKE CREATE ON SCHEMA {s} FROM {app};
            GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {s} TO {app};
            REVOKE TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA {s} FROM {app};
            GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {s} TO {app};
            ALTER DEFAULT PRIVILEGES IN SCHEMA {s} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {app};
            ALTER DEFAULT PRIVILEGES IN SCHEMA {s} GRANT USAGE, SELECT ON SEQUENCES TO {app};
            REVOKE INSERT, UPDATE, DELETE ON {history} FROM {app};
            """;
        if (appendOnly.Count > 0)
        {
            sql += $"REVOKE UPDATE, DELETE ON {string.Join(", ", appendOnly.Select(Quote))} FROM {app};";
        }

        // Before PostgreSQL 15 every role could create in the public schema; the schema's owner takes that back.
        sql += $"""
            DO $$ BEGIN
              IF pg_has_role(current_user, (SELECT nspowner FROM pg_namespace WHERE nspname = current_schema()), 'USAGE') THEN
                EXECUTE format('REVOKE CREATE ON SCHEMA %I FROM PUBLIC', current_schema());
              END IF;
            END $$;
            """;
        await using (var transaction = await connection.BeginTransactionAsync(ct))
        {
            await using var command = new NpgsqlCommand(sql, connection, transaction);
            await command.ExecuteNonQueryAsync(ct);
            await transaction.CommitAsync(ct);
        }

        return new Result(appRole, ownerRole, appendOnly, await WarningsAsync(connection, appRole, ct));
    }

    /// <summary>What would still let the app's role change the schema, in words for the log.</summary>
    private static async Task<IReadOnlyList<string>> WarningsAsync(NpgsqlConnection connection, string appRole, CancellationToken ct)
    {
        var (superuser, member, create) = await Row3Async(connection, """
            SELECT r.rolsuper, pg_has_role(@role, current_user, 'USAGE'),
                   has_schema_privilege(@role, current_schema(), 'CREATE') OR has_database_privilege(@role, current_database(), 'CREATE')
            FROM pg_roles r WHERE r.rolname = @role
            """, ct, ("role", appRole));
        var warnings = new List<string>();
        if (superuser)
        {
            warnings.Add($"the app's role {appRole} is a superuser: no privilege restricts it");
        }

        if (member)
        {
            warnings.Add($"the app's role {appRole} is a member of the owner's role and has its rights");
        }

        if (create)
        {
            warnings.Add($"the app's role {appRole} may still create objects (CREATE on the schema or the database, granted to it or to PUBLIC by someone else)");
        }

        return warnings;
    }

    /// <summary>The user of the app's connection string; when it names none, the server is asked who the app connects as.</summary>
    private static async Task<string> AppRoleAsync(string appConnectionString, CancellationToken ct)
    {
        var builder = new NpgsqlConnectionStringBuilder(appConnectionString);
        if (!string.IsNullOrEmpty(builder.Username))
        {
            return builder.Username;
        }

        builder.Pooling = false;
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(ct);
        return await ScalarAsync<string>(connection, "SELECT current_user::text", ct);
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, CancellationToken ct, params (string Name, object Value)[] parameters)
    {
        await using var command = Command(connection, sql, parameters);
        return (T)(await command.ExecuteScalarAsync(ct))!;
    }

    private static async Task<List<string>> ListAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        var list = new List<string>();
        await using var command = Command(connection, sql, []);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            list.Add(reader.GetString(0));
        }

        return list;
    }

    private static async Task<(string, string)> Row2Async(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = Command(connection, sql, []);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return (reader.GetString(0), reader.GetString(1));
    }

    private static async Task<(bool, bool, bool)> Row3Async(NpgsqlConnection connection, string sql, CancellationToken ct, params (string Name, object Value)[] parameters)
    {
        await using var command = Command(connection, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return (reader.GetBoolean(0), reader.GetBoolean(1), reader.GetBoolean(2));
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, (string Name, object Value)[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }
}
