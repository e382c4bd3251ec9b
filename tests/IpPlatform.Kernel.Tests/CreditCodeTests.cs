using IpPlatform.Identity.Organisations;

namespace IpPlatform.Kernel.Tests;

/// <summary>GB 32100-2015 and GB 11714 checks on the codes of shared/DOMAIN.md.</summary>
public sealed class CreditCodeTests
{
    [Theory]
    [InlineData("91350100M000100Y43")]
    [InlineData("91310110666007217T")]
    [InlineData("91210100MA0YT3K79Q")]
    [InlineData("91210112MA0XQ8B27E")]
    [InlineData("91210106MA0P2RU137")]
    [InlineData("12210000450001238G")]
    [InlineData("52210102MA0LN9H47L")]
    public void Real_and_invented_valid_codes_pass(string code)
    {
        CreditCode.Check(code).IsValid.ShouldBeTrue();
    }

    [Fact]
    public void The_worked_example_computes_its_check_character()
    {
        CreditCode.CheckCharacter("91350100M000100Y4").ShouldBe('3');
        CreditCode.OrganisationCodeCheckCharacter("M000100Y").ShouldBe('4');
    }

    [Fact]
    public void Input_is_trimmed_and_upper_cased()
    {
        var result = CreditCode.Check("  91210100ma0yt3k79q ");

        result.IsValid.ShouldBeTrue();
        result.Normalized.ShouldBe("91210100MA0YT3K79Q");
    }

    [Fact]
    public void A_wrong_check_character_names_the_expected_one()
    {
        var result = CreditCode.Check("91350100M000100Y44");

        result.Problem.ShouldBe(CreditCodeProblem.CheckCharacter);
        result.Message.ShouldBe("第18位（校验码）应为“3”，您填写的是“4”，请逐位核对营业执照或登记证书上的代码");
        result.MayBeOverridden.ShouldBeTrue();
    }

    [Fact]
    public void A_wrong_organisation_code_check_is_caught_at_position_17()
    {
        var result = CreditCode.Check("91350100M000100Y53");

        result.Problem.ShouldBe(CreditCodeProblem.OrganisationCodeCheck);
        result.Message!.ShouldStartWith("第17位（组织机构代码校验码）应为“4”");
    }

    [Fact]
    public void An_early_pilot_code_fails_the_checksum_but_may_be_accepted_by_staff()
    {
        var result = CreditCode.Check("91350211M00013FA1N");

        result.IsValid.ShouldBeFalse();
        result.MayBeOverridden.ShouldBeTrue();
    }

    [Theory]
    [InlineData("", CreditCodeProblem.Empty, "请填写统一社会信用代码")]
    [InlineData("9121010", CreditCodeProblem.WrongLength, "统一社会信用代码应为18位，您填写了7位")]
    [InlineData("91210100MA0YT3K79QQ", CreditCodeProblem.WrongLength, "统一社会信用代码应为18位，您填写了19位")]
    [InlineData("91210100MA0IT3K79Q", CreditCodeProblem.IllegalCharacter, "第12位“I”不是统一社会信用代码使用的字符（只用数字和除 I、O、S、V、Z 以外的大写字母）")]
    [InlineData("9121010OMA0YT3K79Q", CreditCodeProblem.IllegalCharacter, "第8位“O”不是统一社会信用代码使用的字符（只用数字和除 I、O、S、V、Z 以外的大写字母）")]
    public void Malformed_codes_are_refused_with_a_precise_message_and_no_override(string code, CreditCodeProblem problem, string message)
    {
        var result = CreditCode.Check(code);

        (result.Problem, result.Message).ShouldBe((problem, message));
        result.MayBeOverridden.ShouldBeFalse();
    }
}
