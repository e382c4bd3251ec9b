using Microsoft.AspNetCore.Identity;

namespace IpPlatform.Identity.Accounts;

/// <summary>Identity's messages in Chinese; users see these when an account operation fails.</summary>
public sealed class ChineseIdentityErrors : IdentityErrorDescriber
{
    public override IdentityError DuplicateUserName(string userName) => new() { Code = nameof(DuplicateUserName), Description = $"账户“{userName}”已被注册" };

    public override IdentityError DuplicateEmail(string email) => new() { Code = nameof(DuplicateEmail), Description = $"邮箱“{email}”已被注册" };

    public override IdentityError InvalidEmail(string? email) => new() { Code = nameof(InvalidEmail), Description = $"邮箱“{email}”格式不正确" };

    public override IdentityError InvalidUserName(string? userName) => new() { Code = nameof(InvalidUserName), Description = $"账户名“{userName}”含有不允许的字符" };

    public override IdentityError InvalidToken() => new() { Code = nameof(InvalidToken), Description = "链接已失效或已被使用，请重新申请" };

    public override IdentityError PasswordMismatch() => new() { Code = nameof(PasswordMismatch), Description = "原密码不正确" };

    public override IdentityError PasswordTooShort(int length) => new() { Code = nameof(PasswordTooShort), Description = $"密码至少{length}位" };

    public override IdentityError UserLockoutNotEnabled() => new() { Code = nameof(UserLockoutNotEnabled), Description = "该账户未启用锁定" };

    public override IdentityError ConcurrencyFailure() => new() { Code = nameof(ConcurrencyFailure), Description = "数据已被他人修改，请刷新后重试" };

    public override IdentityError DefaultError() => new() { Code = nameof(DefaultError), Description = "操作未能完成，请稍后重试" };
}
