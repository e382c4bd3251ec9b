using System.Net;
using IpPlatform.Testing;

namespace IpPlatform.Web.Tests.Accounts;

public sealed class StaffAccountsTests(WebFixture app)
{
    [Fact]
    public async Task A_city_administrator_grants_roles_only_within_the_city()
    {
        var admin = await app.SignedInAsync("admin.shenyang@example.com");

        var province = await admin.PostAsync("/admin/staff/new",
            [new("Input.Name", "越权"), new("Input.Email", Registration.NewEmail()), new("Input.Grants.Roles[0]", "ProvinceReviewer"), new("Input.Grants.Authorities[0]", "210000")]);
        province.Html.ShouldContain("您只能在本级及下级单位授予角色", customMessage: ErrorSummary(province.Html));

        var wrongLevel = await admin.PostAsync("/admin/staff/new",
            [new("Input.Name", "错级"), new("Input.Email", Registration.NewEmail()), new("Input.Grants.Roles[0]", "CityReviewer"), new("Input.Grants.Authorities[0]", "210102")]);
        wrongLevel.Html.ShouldContain("“市级审核员”不能设在区县级单位");

        var none = await admin.PostAsync("/admin/staff/new", [new("Input.Name", "无角色"), new("Input.Email", Registration.NewEmail())]);
        none.Html.ShouldContain("请至少授予一个角色");

        var district = await admin.PostAsync("/admin/staff/new",
            [new("Input.Name", "区审核员"), new("Input.Email", Registration.NewEmail()), new("Input.Grants.Roles[0]", "DistrictReviewer"), new("Input.Grants.Authorities[0]", "210106")]);
        district.RedirectsTo("/admin/staff").ShouldBeTrue();
    }

    private static string ErrorSummary(string html) =>
        html.Contains("error-summary", StringComparison.Ordinal) ? html[html.IndexOf("error-summary", StringComparison.Ordinal)..][..600] : html[..Math.Min(html.Length, 1500)];

    [Fact]
    public async Task An_administrator_sees_and_edits_only_staff_within_reach()
    {
        var dalianReviewer = await app.Database.ScalarAsync<Guid>("SELECT id FROM users WHERE email = 'reviewer.dalian@example.com'");
        var shenyang = await app.SignedInAsync("admin.shenyang@example.com");
        var province = await app.SignedInAsync("admin.province@example.com");

        (await shenyang.GetAsync("/admin/staff")).Html.ShouldNotContain("reviewer.dalian@example.com");
        (await shenyang.GetAsync($"/admin/staff/{dalianReviewer}")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await shenyang.PostAsync("/admin/staff", [], $"/admin/staff/{dalianReviewer}/Disable")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await province.GetAsync("/admin/staff")).Html.ShouldContain("reviewer.dalian@example.com");
        (await province.GetAsync($"/admin/staff/{dalianReviewer}")).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_disabled_staff_account_cannot_sign_in_and_it_is_audited()
    {
        var admin = await app.SignedInAsync("admin.province@example.com");
        var email = Registration.NewEmail();
        await admin.PostAsync("/admin/staff/new",
            [new("Input.Name", "待停用"), new("Input.Email", email), new("Input.Grants.Roles[0]", "Expert"), new("Input.Grants.Authorities[0]", "210000"),
             new("Input.Employer", "东北大学"), new("Input.EmployerCreditCode", IpPlatform.Testing.TestData.NewCreditCode())]);
        var id = await app.Database.ScalarAsync<Guid>($"SELECT id FROM users WHERE email = '{email}'");
        var link = app.LatestLinkTo(email);
        await app.NewFormClient().PostAsync(link, [new("Password", "Expert#2026"), new("ConfirmPassword", "Expert#2026")]);

        (await admin.PostAsync($"/admin/staff/{id}", [], $"/admin/staff/{id}/Disable")).RedirectsTo($"/admin/staff/{id}").ShouldBeTrue();

        (await app.NewFormClient().SignInAsync(email, "Expert#2026")).Html.ShouldContain(Pages.Account.LoginModel.FailedMessage);
        (await app.Database.ScalarAsync<long>($"SELECT count(*) FROM audit_log WHERE event = 'staff.disabled' AND object_id = '{id}'")).ShouldBe(1);
    }

    [Fact]
    public async Task A_refused_action_keeps_the_stored_roles_on_the_page()
    {
        var admin = await app.SignedInAsync("admin.province@example.com");
        var self = await app.Database.ScalarAsync<Guid>("SELECT id FROM users WHERE email = 'admin.province@example.com'");

        var refused = await admin.PostAsync($"/admin/staff/{self}", [], $"/admin/staff/{self}/Disable");

        refused.Status.ShouldBe(System.Net.HttpStatusCode.OK);
        refused.Html.ShouldContain("不能停用自己的账户");
        refused.Html.ShouldContain("<option value=\"Administrator\" selected=\"selected\">");
    }
}
