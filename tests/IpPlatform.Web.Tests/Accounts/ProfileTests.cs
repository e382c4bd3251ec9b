using System.Net;
using IpPlatform.Testing;
using IpPlatform.Web.Tests.Forms;
using IpPlatform.Web.Tests.Workflows;

namespace IpPlatform.Web.Tests.Accounts;

/// <summary>
/// The organisation profile that feeds every form: kept up to date by the administrator, every change recorded with who
/// and when; the name and 统一社会信用代码 changed only through a new certification; forms opened with the profile and
/// filed with the certified name and code.
/// </summary>
public sealed class ProfileTests(WebFixture app)
{
    private static List<KeyValuePair<string, string>> Profile(string address = "沈阳市浑南区新址路8号", string mobile = "13911112222", string staff = "30", string capital = "500") =>
    [
        new("Input.Address", address), new("Input.LegalRepresentative", "测试人"), new("Input.EstablishedOn", "2016-05-20"), new("Input.DistrictCode", "210112"),
        new("Input.StaffCount", staff), new("Input.RegisteredCapital", capital), new("Input.ContactPerson", "新联系人"), new("Input.ContactMobile", mobile),
        new("Input.ContactEmail", "new.contact@test.example.com"),
    ];

    [Fact]
    public async Task The_administrator_keeps_the_profile_each_change_kept_with_who_and_when_and_new_forms_open_with_it()
    {
        var (admin, organisation, _) = await Chains.OrganisationAsync(app, type: "IpServiceAgency");
        var page = (await admin.GetAsync("/org/profile")).Html;
        page.ShouldContain("单位名称和统一社会信用代码由认证确定、不能在此修改");

        var wrong = await admin.SubmitAsync("/org/profile", "保存单位信息", Profile(mobile: "123"));
        wrong.Status.ShouldBe(HttpStatusCode.OK);
        wrong.Html.ShouldContain("“联系人手机”应为11位手机号码");
        wrong.Html.ShouldContain("value=\"沈阳市浑南区新址路8号\"", customMessage: "what was typed is kept");
        (await app.Database.ScalarAsync<string>($"SELECT address FROM organisations WHERE id = '{organisation}'")).ShouldBe("沈阳市铁西区测试路1号");

        var saved = await admin.SubmitAsync("/org/profile", "保存单位信息", Profile());
        saved.RedirectsTo("/org/profile").ShouldBeTrue(Chains.Problems(saved.Html));
        var history = (await admin.GetAsync("/org/profile")).Html;
        history.ShouldContain("沈阳市铁西区测试路1号");
        history.ShouldContain("沈阳市浑南区新址路8号");
        (await app.Database.ScalarAsync<string>($"SELECT string_agg(field, '、' ORDER BY field) FROM organisation_profile_changes WHERE organisation_id = '{organisation}'"))
            .ShouldBe("单位地址、所在区县、注册资本（万元）、职工人数、联系人、联系人手机、联系人邮箱");
        (await app.Database.ScalarAsync<long>($"SELECT count(*) FROM audit_log WHERE event = 'organisation.profile-changed' AND object_id = '{organisation}'")).ShouldBe(1);
        await Should.ThrowAsync<Npgsql.PostgresException>(() => app.Database.ScalarAsync<int>($"DELETE FROM organisation_profile_changes WHERE organisation_id = '{organisation}'"));

        // A form opened now takes the new profile: the address and registered capital of 000's 申请书.
        var id = await ApplicantForms.StartAsync(admin, "brand-institution-2026-demo");
        (await app.Database.ScalarAsync<string>($"SELECT answers->'basic'->>'address' || ' ' || (answers->'basic'->>'registeredCapital') FROM applications WHERE id = '{id}'"))
            .ShouldBe("沈阳市浑南区新址路8号 500");
    }

    [Fact]
    public async Task A_member_reads_the_profile_but_only_the_administrator_changes_it()
    {
        var (admin, organisation, _) = await Chains.OrganisationAsync(app);
        var email = Registration.NewEmail();
        (await admin.PostAsync("/org/members", [new("Input.Name", "新成员"), new("Input.Email", email)], "/org/members?handler=Invite")).RedirectsTo("/org/members").ShouldBeTrue();
        var link = app.LatestLinkTo(email);
        var member = app.NewFormClient();
        await member.GetAsync(link);
        await member.PostAsync(link, [new("Password", "Member#2026"), new("ConfirmPassword", "Member#2026")]);

        (await member.GetAsync("/org/profile")).Html.ShouldContain("只有单位管理员可以修改单位信息");
        (await member.PostAsync("/account/totp", Profile(address: "成员改的地址"), "/org/profile")).Html.ShouldContain("只有单位管理员可以修改单位信息", customMessage: "a forged post is refused");
        (await app.Database.ScalarAsync<string>($"SELECT address FROM organisations WHERE id = '{organisation}'")).ShouldBe("沈阳市铁西区测试路1号");
    }

    [Fact]
    public async Task A_renamed_organisation_is_certified_again_under_its_new_name_which_then_goes_into_what_it_files()
    {
        var (admin, organisation, _) = await Chains.OrganisationAsync(app, type: "IpServiceAgency");
        var draft = await ApplicantForms.StartAsync(admin, "brand-institution-2026-demo");
        var newName = $"沈阳更名示例知识产权代理有限公司{Guid.NewGuid():N}"[..22];

        var page = (await admin.GetAsync("/org/certification")).Html;
        page.ShouldContain("单位更名，重新认证");
        var noName = await admin.SubmitAsync("/org/certification", "提交更名认证", [], [("licence", "营业执照.pdf", TestData.Pdf), ("identityDocument", "身份证.png", TestData.Png)]);
        noName.Html.ShouldContain("单位更名的，请填写新的单位名称后重新认证");
        var submitted = await admin.SubmitAsync("/org/certification", "提交更名认证", [new("NewName", newName)],
            [("licence", "营业执照.pdf", TestData.Pdf), ("identityDocument", "身份证.png", TestData.Png)]);
        submitted.RedirectsTo("/org/certification").ShouldBeTrue(Chains.Problems(submitted.Html));
        (await app.Database.ScalarAsync<string>($"SELECT certification FROM organisations WHERE id = '{organisation}'")).ShouldBe("Certified", "it goes on applying under its old name meanwhile");
        (await admin.GetAsync("/org/certification")).Html.ShouldContain("更名认证材料已提交，正在审核中");

        var reviewer = await app.SignedInAsync(Chains.Shenyang);
        (await reviewer.GetAsync("/staff/certifications")).Html.ShouldContain($"（更名为“{newName}”）");
        var request = await app.Database.ScalarAsync<Guid>($"SELECT id FROM certification_requests WHERE organisation_id = '{organisation}' AND new_name IS NOT NULL");
        (await reviewer.GetAsync($"/staff/certifications/{request}")).Html.ShouldContain($"申请将单位名称变更为<strong>“{newName}”</strong>");
        (await reviewer.SubmitAsync($"/staff/certifications/{request}", "通过")).Status.ShouldBe(HttpStatusCode.Redirect);

        (await app.Database.ScalarAsync<string>($"SELECT name FROM organisations WHERE id = '{organisation}'")).ShouldBe(newName);
        (await app.Database.ScalarAsync<string>($"SELECT before || ' → ' || after FROM organisation_profile_changes WHERE organisation_id = '{organisation}' AND field = '单位名称（经认证）'"))
            .ShouldBe($"沈阳测试科技有限公司 → {newName}");

        // The application begun before the renaming is filed under the new name.
        var filed = await ApplicantForms.FillAndSubmitAsync(admin, draft,
            ("a.business.fieldShares.0", "100"), ("a.business.fieldShares.1", "0"), ("a.business.fieldShares.2", "0"), ("a.business.fieldShares.3", "0"),
            ("a.business.fieldShares.4", "0"), ("a.business.fieldShares.5", "0"), ("a.business.fieldShares.6", "0"));
        filed.RedirectsTo($"/applications/{draft}").ShouldBeTrue(Chains.Problems(filed.Html));
        (await app.Database.ScalarAsync<string>($"SELECT answers->'basic'->>'name' FROM application_submissions WHERE application_id = '{draft}'")).ShouldBe(newName);
    }
}
