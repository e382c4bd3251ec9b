using System.Net;
using IpPlatform.Testing;

namespace IpPlatform.Web.Tests.Accounts;

public sealed class RegistrationTests(WebFixture app)
{
    [Fact]
    public async Task An_organisation_registers_and_its_administrator_is_signed_in()
    {
        var (client, code, email) = await Registration.RegisterAsync(app);

        var org = await client.GetAsync("/org");
        org.Status.ShouldBe(HttpStatusCode.OK);
        org.Html.ShouldContain("沈阳测试科技有限公司");
        org.Html.ShouldContain(code);
        org.Html.ShouldContain("未提交认证");
        (await app.Database.ScalarAsync<bool>($"SELECT is_organisation_admin FROM users WHERE email = '{email}'")).ShouldBeTrue();
        (await app.Database.ScalarAsync<long>($"SELECT count(*) FROM audit_log WHERE event = 'organisation.registered' AND actor_name = '{email}'")).ShouldBe(1);
    }

    [Fact]
    public async Task A_second_registration_of_the_same_code_is_refused_and_changes_nothing()
    {
        var (_, code, _) = await Registration.RegisterAsync(app);
        var organisations = await app.Database.ScalarAsync<long>("SELECT count(*) FROM organisations");
        var users = await app.Database.ScalarAsync<long>("SELECT count(*) FROM users");
        var email = Registration.NewEmail();

        var response = await app.NewFormClient().PostAsync("/account/register", Registration.Fields(code, email, "另一家公司"));

        response.Status.ShouldBe(HttpStatusCode.OK);
        response.Html.ShouldContain("该统一社会信用代码已经注册过");
        (await app.Database.ScalarAsync<long>("SELECT count(*) FROM organisations")).ShouldBe(organisations);
        (await app.Database.ScalarAsync<long>("SELECT count(*) FROM users")).ShouldBe(users);
    }

    [Fact]
    public async Task The_same_entity_cannot_register_again_under_a_mistyped_check_character()
    {
        var (_, code, _) = await Registration.RegisterAsync(app);
        var fields = Registration.Fields(TestData.WithWrongCheckCharacter(code), Registration.NewEmail(), "冒名公司");
        fields["Input.DeclaresPilotCode"] = "true";

        var response = await app.NewFormClient().PostAsync("/account/register", fields);

        response.Html.ShouldContain("该统一社会信用代码已经注册过");
        (await app.Database.ScalarAsync<long>($"SELECT count(*) FROM organisations WHERE credit_code LIKE '{code[..17]}%'")).ShouldBe(1);
    }

    [Fact]
    public async Task A_bad_check_character_is_named_precisely_and_what_was_typed_is_kept()
    {
        var code = TestData.WithWrongCheckCharacter(TestData.NewCreditCode());
        var fields = Registration.Fields(code, Registration.NewEmail());

        var response = await app.NewFormClient().PostAsync("/account/register", fields);

        response.Status.ShouldBe(HttpStatusCode.OK);
        response.Html.ShouldContain("第18位（校验码）应为");
        response.Html.ShouldContain("<a href=\"#Input_CreditCode\" class=\"alert-link\">");
        response.Html.ShouldContain($"value=\"{code}\"");
        response.Html.ShouldContain("value=\"沈阳市铁西区测试路1号\"");
        response.Html.ShouldNotContain($"value=\"{Registration.Password}\"");
    }

    [Fact]
    public async Task Every_missing_field_is_listed_in_chinese_with_a_link_to_it()
    {
        var response = await app.NewFormClient().PostAsync("/account/register", [new("Input.Name", "")]);

        response.Html.ShouldContain("提交的内容有");
        foreach (var (message, field) in new[]
                 {
                     ("请填写单位名称", "Input_Name"), ("请填写统一社会信用代码", "Input_CreditCode"), ("请选择单位类型", "Input_Type"),
                     ("请选择所在市", "Input_CityCode"), ("请填写详细地址", "Input_Address"), ("请填写法定代表人", "Input_LegalRepresentative"),
                     ("请填写成立日期", "Input_EstablishedOn"), ("请填写职工人数", "Input_StaffCount"), ("请填写联系人手机号码", "Input_ContactMobile"),
                     ("请设置密码", "Input_Password"), ("请阅读并勾选信息真实性承诺", "Input_AcceptsDeclaration"),
                 })
        {
            response.Html.ShouldContain($"<a href=\"#{field}\" class=\"alert-link\">{message}</a>");
        }
    }

    [Theory]
    [InlineData("Input.ContactMobile", "1234", "联系人手机号码应为11位大陆手机号码")]
    [InlineData("Input.Password", "password", "密码须包含大写字母、小写字母、数字、符号中的至少三类")]
    [InlineData("Input.EstablishedOn", "2099-01-01", "成立日期不能晚于今天")]
    [InlineData("Input.DistrictCode", "", "沈阳市的单位请选择所在区、县（市）")]
    public async Task A_single_bad_field_is_named(string field, string value, string message)
    {
        var fields = Registration.Fields(TestData.NewCreditCode(), Registration.NewEmail());
        fields[field] = value;
        if (field == "Input.Password")
        {
            fields["Input.ConfirmPassword"] = value;
        }

        var response = await app.NewFormClient().PostAsync("/account/register", fields);

        response.Status.ShouldBe(HttpStatusCode.OK);
        response.Html.ShouldContain(message);
    }

    [Fact]
    public async Task A_failing_checksum_may_be_registered_for_staff_to_verify_and_approval_then_needs_a_reason()
    {
        var code = TestData.WithWrongCheckCharacter(TestData.NewCreditCode());
        var (client, _, _) = await Registration.RegisterAsync(app, f =>
        {
            f["Input.CreditCode"] = code;
            f["Input.DeclaresPilotCode"] = "true";
        });
        (await app.Database.ScalarAsync<bool>($"SELECT credit_code_checksum_valid FROM organisations WHERE credit_code = '{code}'")).ShouldBeFalse();
        (await Registration.SubmitCertificationAsync(client)).RedirectsTo("/org/certification").ShouldBeTrue();
        var request = await app.Database.ScalarAsync<Guid>($"SELECT r.id FROM certification_requests r JOIN organisations o ON o.id = r.organisation_id WHERE o.credit_code = '{code}'");
        var reviewer = await app.SignedInAsync("reviewer.shenyang@example.com");

        var withoutReason = await reviewer.PostAsync($"/staff/certifications/{request}", [], $"/staff/certifications/{request}/Approve");
        withoutReason.Html.ShouldContain("请填写核验说明后再通过认证");

        var withReason = await reviewer.PostAsync($"/staff/certifications/{request}", [new("OverrideReason", "经核对登记机关档案，系2014年试点地区颁发的代码")],
            $"/staff/certifications/{request}/Approve");
        withReason.RedirectsTo("/staff/certifications").ShouldBeTrue();
        (await app.Database.ScalarAsync<string>($"SELECT certification FROM organisations WHERE credit_code = '{code}'")).ShouldBe("Certified");
        (await app.Database.ScalarAsync<long>($"SELECT count(*) FROM audit_log WHERE event = 'organisation.credit-code-accepted' AND details->>'creditCode' = '{code}'")).ShouldBe(1);
    }

    [Fact]
    public async Task A_form_posted_without_its_antiforgery_token_is_refused()
    {
        var response = await app.NewFormClient().Http.PostAsync("/account/register",
            new FormUrlEncodedContent(Registration.Fields(TestData.NewCreditCode(), Registration.NewEmail())));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }
}
