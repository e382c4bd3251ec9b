using System.Net;
using IpPlatform.Testing;

namespace IpPlatform.Web.Tests.Accounts;

public sealed class MembersTests(WebFixture app)
{
    [Fact]
    public async Task The_administrator_invites_a_member_who_joins_and_can_later_be_removed()
    {
        var (admin, code, _) = await Registration.RegisterAsync(app);
        var email = Registration.NewEmail();

        var invited = await admin.PostAsync("/org/members", [new("Input.Name", "新成员"), new("Input.Email", email)], "/org/members?handler=Invite");
        invited.RedirectsTo("/org/members").ShouldBeTrue();
        var link = app.LatestLinkTo(email);

        var member = app.NewFormClient();
        (await member.GetAsync(link)).Html.ShouldContain("沈阳测试科技有限公司");
        var joined = await member.PostAsync(link, [new("Password", "Member#2026"), new("ConfirmPassword", "Member#2026")]);
        joined.RedirectsTo("/org").ShouldBeTrue();
        (await member.GetAsync("/org")).Html.ShouldContain(code);

        // A member is not an administrator: inviting is refused.
        var refused = await member.PostAsync("/org/members", [new("Input.Name", "x"), new("Input.Email", Registration.NewEmail())], "/org/members?handler=Invite");
        refused.Html.ShouldContain("只有单位管理员可以邀请成员");

        var memberId = await app.Database.ScalarAsync<Guid>($"SELECT id FROM users WHERE email = '{email}'");
        (await admin.PostAsync("/org/members", [new("memberId", memberId.ToString())], "/org/members?handler=Remove")).RedirectsTo("/org/members").ShouldBeTrue();
        (await app.NewFormClient().SignInAsync(email, "Member#2026")).Html.ShouldContain(Pages.Account.LoginModel.FailedMessage);

        // The removed member's open session ends at once: the next request fails the account check.
        (await member.GetAsync("/org")).RedirectsTo("/account/access-denied").ShouldBeTrue();

        // The invitation cannot be used twice.
        (await app.NewFormClient().GetAsync(link)).Html.ShouldContain("邀请链接无效或已过期");
    }

    [Fact]
    public async Task Invitations_sent_by_a_removed_administrator_die_with_the_membership()
    {
        var (admin, _, _) = await Registration.RegisterAsync(app);
        var coAdminEmail = Registration.NewEmail();
        await admin.PostAsync("/org/members", [new("Input.Name", "二号"), new("Input.Email", coAdminEmail)], "/org/members?handler=Invite");
        var coAdmin = app.NewFormClient();
        await coAdmin.PostAsync(app.LatestLinkTo(coAdminEmail), [new("Password", "Second#2026"), new("ConfirmPassword", "Second#2026")]);
        await app.Database.ScalarAsync<int>($"UPDATE users SET is_organisation_admin = true WHERE email = '{coAdminEmail}'");
        coAdmin = app.NewFormClient();
        await coAdmin.SignInAsync(coAdminEmail, "Second#2026");
        var backdoorEmail = Registration.NewEmail();
        (await coAdmin.PostAsync("/org/members", [new("Input.Name", "后门"), new("Input.Email", backdoorEmail)], "/org/members?handler=Invite"))
            .RedirectsTo("/org/members").ShouldBeTrue();
        var backdoor = app.LatestLinkTo(backdoorEmail);

        var staleToken = await coAdmin.TokenAsync("/org/members");
        var coAdminId = await app.Database.ScalarAsync<Guid>($"SELECT id FROM users WHERE email = '{coAdminEmail}'");
        await admin.PostAsync("/org/members", [new("memberId", coAdminId.ToString())], "/org/members?handler=Remove");

        (await app.NewFormClient().GetAsync(backdoor)).Html.ShouldContain("邀请链接无效或已过期");

        // Still holding a cookie and a form token from before the removal, the former administrator gets nowhere.
        var late = await coAdmin.Http.PostAsync("/org/members?handler=Invite", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Name"] = "x", ["Input.Email"] = Registration.NewEmail(), ["__RequestVerificationToken"] = staleToken,
        }));
        late.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        late.Headers.Location!.ToString().ShouldContain("/account/access-denied");
    }

    [Fact]
    public async Task An_administrator_cannot_remove_a_member_of_another_organisation()
    {
        var (admin, _, _) = await Registration.RegisterAsync(app);
        var stranger = await app.Database.ScalarAsync<Guid>("SELECT id FROM users WHERE email = 'materials.admin@example.com'");

        var response = await admin.PostAsync("/org/members", [new("memberId", stranger.ToString())], "/org/members?handler=Remove");

        response.Status.ShouldBe(HttpStatusCode.OK);
        response.Html.ShouldContain("该成员不存在");
        (await app.Database.ScalarAsync<Guid?>("SELECT organisation_id FROM users WHERE email = 'materials.admin@example.com'")).ShouldNotBeNull();
    }
}
