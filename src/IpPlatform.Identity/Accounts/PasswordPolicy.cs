using Microsoft.AspNetCore.Identity;

namespace IpPlatform.Identity.Accounts;

/// <summary>等保 baseline: at least 8 characters from at least three of: capitals, small letters, digits, symbols.</summary>
public sealed class PasswordPolicy : IPasswordValidator<PlatformUser>
{
    public const int MinimumLength = 8;

    public const string Description = "密码至少8位，且须包含大写字母、小写字母、数字、符号中的至少三类";

    public static IReadOnlyList<string> Check(string? password, string? userName = null)
    {
        var problems = new List<string>();
        password ??= "";
        var classes = (password.Any(char.IsAsciiLetterUpper) ? 1 : 0)
                      + (password.Any(char.IsAsciiLetterLower) ? 1 : 0)
                      + (password.Any(char.IsAsciiDigit) ? 1 : 0)
                      + (password.Any(c => !char.IsAsciiLetterOrDigit(c) && !char.IsWhiteSpace(c)) ? 1 : 0);
        if (password.Length < MinimumLength)
        {
            problems.Add($"密码至少{MinimumLength}位，您输入了{password.Length}位");
        }

        if (classes < 3)
        {
            problems.Add($"密码须包含大写字母、小写字母、数字、符号中的至少三类，您的密码只有{classes}类");
        }

        if (!string.IsNullOrEmpty(userName) && password.Contains(userName.Split('@')[0], StringComparison.OrdinalIgnoreCase)
            && userName.Split('@')[0].Length >= 4)
        {
            problems.Add("密码不能包含账户名");
        }

        return problems;
    }

    public Task<IdentityResult> ValidateAsync(UserManager<PlatformUser> manager, PlatformUser user, string? password)
    {
        var problems = Check(password, user.UserName);
        return Task.FromResult(problems.Count == 0
            ? IdentityResult.Success
            : IdentityResult.Failed(problems.Select(p => new IdentityError { Code = "PasswordPolicy", Description = p }).ToArray()));
    }
}
