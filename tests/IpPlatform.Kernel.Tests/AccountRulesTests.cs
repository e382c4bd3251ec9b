using System.Security.Claims;
using System.Text;
using IpPlatform.Identity.Accounts;
using IpPlatform.Identity.Authorization;
using IpPlatform.Identity.Organisations;

namespace IpPlatform.Kernel.Tests;

public sealed class AccountRulesTests
{
    [Theory]
    [InlineData("Abcdefg1", true)]
    [InlineData("abcdefg1!", true)]
    [InlineData("ABCDEFG1!", true)]
    [InlineData("abcdefgh", false)]
    [InlineData("abcdefg1", false)]
    [InlineData("Ab1!", false)]
    [InlineData("", false)]
    public void Passwords_need_eight_characters_of_three_classes(string password, bool ok)
    {
        PasswordPolicy.Check(password).Count.Equals(0).ShouldBe(ok);
    }

    [Fact]
    public void A_weak_password_is_told_what_is_missing_in_chinese()
    {
        PasswordPolicy.Check("abc").ShouldBe(["密码至少8位，您输入了3位", "密码须包含大写字母、小写字母、数字、符号中的至少三类，您的密码只有1类"]);
    }

    [Fact]
    public void A_password_may_not_contain_the_account_name()
    {
        PasswordPolicy.Check("Wangwei2024!", "wangwei@example.com").ShouldBe(["密码不能包含账户名"]);
    }

    [Fact]
    public void Totp_matches_the_rfc_6238_test_vector()
    {
        // RFC 6238 appendix B, SHA-1, T = 59 s: 94287082 (8 digits), so 287082 with 6.
        var key = Base32("12345678901234567890");

        Totp.Code(key, DateTimeOffset.FromUnixTimeSeconds(59)).ShouldBe("287082");
        Totp.Code(key, DateTimeOffset.FromUnixTimeSeconds(1111111109)).ShouldBe("081804");
    }

    [Fact]
    public void The_otpauth_uri_carries_issuer_account_and_key()
    {
        Totp.OtpAuthUri("辽宁知识产权平台", "a@example.com", "JBSWY3DPEHPK3PXP")
            .ShouldBe("otpauth://totp/%E8%BE%BD%E5%AE%81%E7%9F%A5%E8%AF%86%E4%BA%A7%E6%9D%83%E5%B9%B3%E5%8F%B0:a%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=%E8%BE%BD%E5%AE%81%E7%9F%A5%E8%AF%86%E4%BA%A7%E6%9D%83%E5%B9%B3%E5%8F%B0&digits=6&period=30");
    }

    private static readonly Organisation ShenyangHeping = new()
    {
        Name = "x", CreditCode = "x", CityCode = "210100", DistrictCode = "210102", Address = "x", LegalRepresentative = "x",
        ContactPerson = "x", ContactMobile = "x", ContactEmail = "x",
    };

    private static readonly Organisation ProvinceLevel = new()
    {
        Name = "x", CreditCode = "x", CityCode = "210000", Address = "x", LegalRepresentative = "x",
        ContactPerson = "x", ContactMobile = "x", ContactEmail = "x",
    };

    [Theory]
    [InlineData("CityReviewer@210100", true, true, false)]
    [InlineData("CityReviewer@210200", true, false, false)]
    [InlineData("ProvinceReviewer@210000", true, false, true)]
    [InlineData("DistrictReviewer@210102", true, false, false)]
    [InlineData("Administrator@210000", true, true, true)]
    [InlineData("Administrator@210100", true, true, false)]
    [InlineData("Administrator@210102", true, true, false)]
    [InlineData("Administrator@210200", true, false, false)]
    [InlineData("Expert@210000", true, false, false)]
    [InlineData("CityReviewer@210100", false, false, false)]
    public void Certification_is_for_the_organisations_own_city_and_needs_the_second_factor(
        string role, bool mfa, bool shenyang, bool provinceLevel)
    {
        var user = Staff(role, mfa);

        user.CanCertify(ShenyangHeping).ShouldBe(shenyang);
        user.CanCertify(ProvinceLevel).ShouldBe(provinceLevel);
    }

    [Fact]
    public void Roles_at_a_district_cover_only_that_district()
    {
        AccessScope.Covers(new RoleAssignment(StaffRole.Administrator, "210102", false), ShenyangHeping).ShouldBeTrue();
        AccessScope.Covers(new RoleAssignment(StaffRole.Administrator, "210106", false), ShenyangHeping).ShouldBeFalse();
        AccessScope.Covers(new RoleAssignment(StaffRole.Administrator, "210100", false), ShenyangHeping).ShouldBeTrue();
        AccessScope.Covers(new RoleAssignment(StaffRole.Administrator, "210000", true), ShenyangHeping).ShouldBeTrue();
    }

    [Fact]
    public void The_province_is_whichever_authority_the_sign_in_names_as_such_not_a_code_the_platform_knows()
    {
        // Another province's platform: 吉林 (220000) at the top. Its administrator holds the province; 辽宁's code means nothing.
        var jilin = Staff("Administrator@220000", mfa: true, province: "220000");
        jilin.HoldsAtProvince(StaffRole.Administrator).ShouldBeTrue();
        jilin.RoleAssignments().Single().AtProvince.ShouldBeTrue();
        jilin.CanCertify(ShenyangHeping).ShouldBeTrue("a province administrator covers every organisation");

        var liaoningCode = Staff("Administrator@210000", mfa: true, province: "220000");
        liaoningCode.HoldsAtProvince(StaffRole.Administrator).ShouldBeFalse();
        liaoningCode.CanCertify(ShenyangHeping).ShouldBeFalse();

        Staff("Administrator@210000", mfa: true, province: null).HoldsAtProvince(StaffRole.Administrator).ShouldBeFalse("no province named, none held");
    }

    private static ClaimsPrincipal Staff(string role, bool mfa, string? province = "210000")
    {
        var claims = new List<Claim> { new(PlatformClaims.Kind, nameof(AccountKind.Staff)), new(PlatformClaims.Role, role) };
        if (province is not null)
        {
            claims.Add(new Claim(PlatformClaims.Province, province));
        }

        if (mfa)
        {
            claims.Add(new Claim(PlatformClaims.AuthenticationMethod, "mfa"));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, "test"));
    }

    private static string Base32(string ascii)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = Encoding.ASCII.GetBytes(ascii);
        var sb = new StringBuilder();
        int buffer = 0, bits = 0;
        foreach (var b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                sb.Append(alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }

        if (bits > 0)
        {
            sb.Append(alphabet[(buffer << (5 - bits)) & 31]);
        }

        return sb.ToString();
    }
}
