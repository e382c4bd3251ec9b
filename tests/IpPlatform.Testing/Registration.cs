using Shouldly;

namespace IpPlatform.Testing;

/// <summary>The fields of the registration form, valid unless changed.</summary>
public static class Registration
{
    public const string Password = "Reg#2026pass";

    public static Dictionary<string, string> Fields(string creditCode, string adminEmail, string name = "沈阳测试科技有限公司") => new()
    {
        ["Input.Name"] = name,
        ["Input.CreditCode"] = creditCode,
        ["Input.Type"] = "Enterprise",
        ["Input.CityCode"] = "210100",
        ["Input.DistrictCode"] = "210106",
        ["Input.Address"] = "沈阳市铁西区测试路1号",
        ["Input.LegalRepresentative"] = "测试人",
        ["Input.EstablishedOn"] = "2016-05-20",
        ["Input.StaffCount"] = "25",
        ["Input.ContactPerson"] = "联系人",
        ["Input.ContactMobile"] = "13900000000",
        ["Input.ContactEmail"] = "contact@" + adminEmail.Split('@')[1],
        ["Input.AdminName"] = "管理员",
        ["Input.AdminEmail"] = adminEmail,
        ["Input.Password"] = Password,
        ["Input.ConfirmPassword"] = Password,
        ["Input.AcceptsDeclaration"] = "true",
    };

    public static string NewEmail() => $"u{Guid.NewGuid():N}"[..12] + "@test.example.com";

    /// <summary>Registers a new Shenyang organisation and returns its signed-in administrator's client and credit code.</summary>
    public static async Task<(FormClient Client, string CreditCode, string Email)> RegisterAsync(PlatformFactory app, Action<Dictionary<string, string>>? change = null)
    {
        var client = app.NewFormClient();
        var code = TestData.NewCreditCode();
        var email = NewEmail();
        var fields = Fields(code, email);
        change?.Invoke(fields);
        var response = await client.PostAsync("/account/register", fields);
        if (!response.RedirectsTo("/org/certification"))
        {
            throw new InvalidOperationException("Registration failed: " + response.Status + " " + Chains.Problems(response.Html));
        }

        return (client, fields["Input.CreditCode"], email);
    }

    public static Task<PageResponse> SubmitCertificationAsync(FormClient client, byte[]? licence = null, byte[]? identity = null, string licenceName = "营业执照.pdf") =>
        client.PostMultipartAsync("/org/certification", [],
            [("licence", licenceName, licence ?? TestData.Pdf), ("identityDocument", "身份证.png", identity ?? TestData.Png)]);
}
