using Npgsql;

namespace IpPlatform.Web.Tests.Accounts;

public sealed class AuditLogTests(WebFixture app)
{
    [Theory]
    [InlineData("UPDATE audit_log SET outcome = 'Success'")]
    [InlineData("DELETE FROM audit_log")]
    [InlineData("TRUNCATE audit_log")]
    public async Task The_database_refuses_to_change_or_remove_audit_entries(string sql)
    {
        var before = await app.Database.ScalarAsync<long>("SELECT count(*) FROM audit_log");
        before.ShouldBeGreaterThan(0);

        var error = await Should.ThrowAsync<PostgresException>(() => app.Database.ScalarAsync<int>(sql));

        error.MessageText.ShouldContain("append-only");
        (await app.Database.ScalarAsync<long>("SELECT count(*) FROM audit_log")).ShouldBeGreaterThanOrEqualTo(before);
    }

    [Fact]
    public async Task Only_a_province_administrator_reads_the_whole_log()
    {
        var province = await app.SignedInAsync("admin.province@example.com");
        var city = await app.SignedInAsync("admin.shenyang@example.com");

        var page = await province.GetAsync("/admin/audit?Event=account.login");
        page.Status.ShouldBe(System.Net.HttpStatusCode.OK);
        page.Html.ShouldContain("account.login");
        (await city.GetAsync("/admin/audit")).RedirectsTo("/account/access-denied").ShouldBeTrue();
    }
}
