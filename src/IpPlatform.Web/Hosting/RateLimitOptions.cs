namespace IpPlatform.Web.Hosting;

/// <summary>What a person (or a client system) does that is limited in rate, each counted apart.</summary>
public enum LimitedAction
{
    SignIn,
    SecondFactor,
    Registration,
    PasswordResetRequest,
    PasswordReset,
    Invitation,
    InvitationAcceptance,
    Objection,
    Upload,
    Token,
}

/// <summary>Who a request is counted against: the client's address, or the account it concerns.</summary>
public enum RateLimitDimension
{
    Address,
    Account,
}

/// <summary>At most <see cref="PermitLimit"/> requests per client address in each <see cref="Window"/>.</summary>
public class RateLimitRule
{
    public RateLimitRule()
    {
    }

    public RateLimitRule(int permitLimit, TimeSpan window) => (PermitLimit, Window) = (permitLimit, window);

    /// <summary>Requests per client address (an IPv6 address counts by its /64) in a window; 0 turns the limit off.</summary>
    public int PermitLimit { get; set; }

    /// <summary>The length of a window (a fixed window: its count starts again when it ends).</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>A limit per client address and one per account (the user name typed, the pending or the signed-in account).</summary>
public sealed class AccountRateLimitRule : RateLimitRule
{
    public AccountRateLimitRule()
    {
    }

    public AccountRateLimitRule(int permitLimit, int accountPermitLimit, TimeSpan window) : base(permitLimit, window) =>
        AccountPermitLimit = accountPermitLimit;

    /// <summary>Requests concerning one account in a window, from whatever address; 0 turns the limit off.</summary>
    public int AccountPermitLimit { get; set; }
}

/// <summary>
/// The rate limits of the platform (configuration section <c>RateLimits</c>, e.g. <c>RateLimits:SignIn:PermitLimit</c>,
/// <c>RateLimits:SignIn:AccountPermitLimit</c>, <c>RateLimits:SignIn:Window</c> = <c>00:01:00</c>). The defaults suit a
/// government site: enough for a person, or an office of people behind one address, and far too little for guessing.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    /// <summary>Sign-in (the password form): per address, and per user name typed (whatever its case or spaces).</summary>
    public AccountRateLimitRule SignIn { get; set; } = new(30, 10, Minute);

    /// <summary>The second factor (TOTP or a recovery code): per address, and per account waiting for it.</summary>
    public AccountRateLimitRule SecondFactor { get; set; } = new(30, 5, Minute);

    /// <summary>Registering an organisation.</summary>
    public RateLimitRule Registration { get; set; } = new(10, Hour);

    /// <summary>Asking for a password reset link: per address, and per address it would be mailed to.</summary>
    public AccountRateLimitRule PasswordResetRequest { get; set; } = new(10, 3, Hour);

    /// <summary>Setting a password from a link: per address, and per account the link names.</summary>
    public AccountRateLimitRule PasswordReset { get; set; } = new(20, 10, Hour);

    /// <summary>Inviting members: per address, and per signed-in administrator.</summary>
    public AccountRateLimitRule Invitation { get; set; } = new(60, 30, Hour);

    /// <summary>Accepting an invitation (setting the new member's password).</summary>
    public RateLimitRule InvitationAcceptance { get; set; } = new(20, Hour);

    /// <summary>Objections to a 公示: per address, and per signed-in account.</summary>
    public AccountRateLimitRule Objection { get; set; } = new(30, 10, Hour);

    /// <summary>Uploads (multipart posts to the pages that take files): per address, and per signed-in account.</summary>
    public AccountRateLimitRule Upload { get; set; } = new(200, 60, TimeSpan.FromMinutes(10));

    /// <summary>The OpenID Connect token endpoint, per client address (a relying party's server, or a browser).</summary>
    public RateLimitRule Token { get; set; } = new(300, Minute);

    public RateLimitRule Rule(LimitedAction action) => action switch
    {
        LimitedAction.SignIn => SignIn,
        LimitedAction.SecondFactor => SecondFactor,
        LimitedAction.Registration => Registration,
        LimitedAction.PasswordResetRequest => PasswordResetRequest,
        LimitedAction.PasswordReset => PasswordReset,
        LimitedAction.Invitation => Invitation,
        LimitedAction.InvitationAcceptance => InvitationAcceptance,
        LimitedAction.Objection => Objection,
        LimitedAction.Upload => Upload,
        LimitedAction.Token => Token,
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };

    /// <summary>The limit of <paramref name="action"/> in <paramref name="dimension"/> (0: none).</summary>
    public int Limit(LimitedAction action, RateLimitDimension dimension) => (Rule(action), dimension) switch
    {
        (var rule, RateLimitDimension.Address) => rule.PermitLimit,
        (AccountRateLimitRule rule, RateLimitDimension.Account) => rule.AccountPermitLimit,
        _ => 0,
    };

    /// <summary>What is being done too often, as the refusal page says it (“登录过于频繁”).</summary>
    public static string Describe(LimitedAction action) => action switch
    {
        LimitedAction.SignIn => "登录",
        LimitedAction.SecondFactor => "动态口令验证",
        LimitedAction.Registration => "注册单位",
        LimitedAction.PasswordResetRequest => "申请重设密码",
        LimitedAction.PasswordReset => "重设密码",
        LimitedAction.Invitation => "邀请成员",
        LimitedAction.InvitationAcceptance => "接受邀请",
        LimitedAction.Objection => "提出异议",
        LimitedAction.Upload => "上传文件",
        LimitedAction.Token => "获取令牌",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };

    /// <summary>Every limit must be sensible: a mistyped setting fails the start, in Chinese, naming the setting.</summary>
    public IEnumerable<string> Problems() =>
        Enum.GetValues<LimitedAction>().SelectMany(action =>
        {
            var rule = Rule(action);
            var problems = new List<string>();
            if (rule.Window <= TimeSpan.Zero)
            {
                problems.Add($"{Section}:{action}:Window 应大于0（如 00:01:00）");
            }

            foreach (var dimension in Enum.GetValues<RateLimitDimension>())
            {
                if (Limit(action, dimension) < 0)
                {
                    problems.Add($"{Section}:{action}:{(dimension == RateLimitDimension.Address ? "PermitLimit" : "AccountPermitLimit")} 不能为负数（0 表示不限）");
                }
            }

            return problems;
        });
}
