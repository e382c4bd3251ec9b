using System.Net;
using Microsoft.AspNetCore.Hosting;
using Npgsql;

namespace IpPlatform.Web.Tests.Operations;

/// <summary>
/// The platform serves as a role that reads and writes rows and nothing more (ConnectionStrings:Default); the migrations
/// ran as the owner (ConnectionStrings:Migrations), which owns every table. The refusals below come from PostgreSQL's
/// privileges, before any trigger: an UPDATE that matches no row fires no trigger, yet is refused.
/// </summary>
public sealed class DatabaseRolesTests(WebFixture app)
{
    public static readonly TheoryData<string> AppendOnly = new(["audit_log", "workflow_history", "award_events", "application_submissions"]);

    [Theory]
    [MemberData(nameof(AppendOnly))]
    public async Task The_apps_own_connection_may_only_read_and_insert_the_evidence(string table)
    {
        foreach (var (privilege, granted) in new[] { ("SELECT", true), ("INSERT", true), ("UPDATE", false), ("DELETE", false), ("TRUNCATE", false) })
        {
            (await app.Database.ScalarAsync<bool>($"SELECT has_table_privilege('{TestDatabase.AppRole}', '{table}', '{privilege}')"))
                .ShouldBe(granted, $"{privilege} on {table}");
        }

        await using var connection = await app.Database.OpenAsAppAsync();
        foreach (var sql in new[] { $"UPDATE {table} SET id = id WHERE false", $"DELETE FROM {table} WHERE false", $"TRUNCATE {table}" })
        {
            var refused = await Should.ThrowAsync<PostgresException>(() => new NpgsqlCommand(sql, connection).ExecuteNonQueryAsync());
            refused.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege, sql);
            refused.MessageText.ShouldBe($"permission denied for table {table}", sql);
        }

        (await new NpgsqlCommand($"SELECT count(*) FROM {table}", connection).ExecuteScalarAsync()).ShouldNotBeNull();
    }

    [Fact]
    public async Task The_apps_own_connection_changes_rows_of_the_other_tables()
    {
        await using var connection = await app.Database.OpenAsAppAsync();
        foreach (var (table, column) in new[]
                 { ("organisations", "id"), ("applications", "id"), ("qrtz_triggers", "sched_name"), ("data_protection_keys", "id"), ("oidc_tokens", "id"), ("oidc_signing_keys", "kid") })
        {
            (await new NpgsqlCommand($"UPDATE {table} SET {column} = {column} WHERE false", connection).ExecuteNonQueryAsync()).ShouldBe(0, table);
            (await new NpgsqlCommand($"DELETE FROM {table} WHERE false", connection).ExecuteNonQueryAsync()).ShouldBe(0, table);
        }
    }

    [Theory]
    [InlineData("CREATE TABLE intruder (id int)")]
    [InlineData("ALTER TABLE organisations ADD COLUMN intruder int")]
    [InlineData("CREATE INDEX intruder ON organisations (name)")]
    [InlineData("CREATE TRIGGER intruder BEFORE UPDATE ON audit_log FOR EACH ROW EXECUTE FUNCTION ipp_refuse_change()")]
    [InlineData("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only")]
    [InlineData("DROP TABLE audit_log")]
    public async Task The_apps_own_connection_cannot_change_the_schema(string sql)
    {
        await using var connection = await app.Database.OpenAsAppAsync();

        var refused = await Should.ThrowAsync<PostgresException>(() => new NpgsqlCommand(sql, connection).ExecuteNonQueryAsync());

        refused.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        (await app.Database.ScalarAsync<bool>($"SELECT has_schema_privilege('{TestDatabase.AppRole}', 'public', 'CREATE')")).ShouldBeFalse();
    }

    [Fact]
    public async Task The_owner_owns_every_table_and_the_migrations_history_is_read_only_to_the_app()
    {
        (await app.Database.ScalarAsync<long>($"SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tableowner <> '{TestDatabase.OwnerRole}'")).ShouldBe(0);
        (await app.Database.ScalarAsync<long>("SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename LIKE 'qrtz\\_%'")).ShouldBeGreaterThan(10);
        (await app.Database.ScalarAsync<bool>($"SELECT has_table_privilege('{TestDatabase.AppRole}', '__ef_migrations_history', 'INSERT')")).ShouldBeFalse();
        (await app.Database.ScalarAsync<bool>($"SELECT has_table_privilege('{TestDatabase.AppRole}', '__ef_migrations_history', 'SELECT')")).ShouldBeTrue();
    }

    [Fact]
    public async Task Without_an_owner_connection_one_role_migrates_and_serves_as_before()
    {
        await using var platform = new SingleRolePlatform();
        await platform.InitializeAsync();

        (await platform.CreateClient().GetAsync("/healthz")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await platform.Database.ScalarAsync<long>($"SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tableowner <> '{TestDatabase.OwnerRole}'")).ShouldBe(0);
        (await platform.Database.ScalarAsync<bool>($"SELECT has_table_privilege('{TestDatabase.AppRole}', 'audit_log', 'SELECT')")).ShouldBeFalse("nothing is granted to a role the platform does not use");
    }

    /// <summary>A platform given only ConnectionStrings:Default, as the owner: it migrates and serves with that one role.</summary>
    private sealed class SingleRolePlatform : PlatformFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("ConnectionStrings:Default", Database.OwnerConnectionString);
            builder.UseSetting("ConnectionStrings:Migrations", "");
        }
    }
}
