using System.ComponentModel.DataAnnotations;

namespace IpPlatform.Identity.Organisations;

/// <summary>The public registration form: the organisation and its first account (the organisation's administrator).</summary>
public sealed class RegistrationInput
{
    [Display(Name = "单位名称")]
    [Required(ErrorMessage = "请填写{0}")]
    [StringLength(100, ErrorMessage = "{0}不超过{1}个字")]
    public string Name { get; set; } = "";

    [Display(Name = "统一社会信用代码")]
    [Required(ErrorMessage = "请填写{0}")]
    public string CreditCode { get; set; } = "";

    /// <summary>The applicant asserts that a code failing its checksum is real (early pilot areas); staff verify it.</summary>
    [Display(Name = "确认代码真实有效")]
    public bool DeclaresPilotCode { get; set; }

    [Display(Name = "单位类型")]
    [Required(ErrorMessage = "请选择{0}")]
    public OrganisationType? Type { get; set; }

    [Display(Name = "所在市")]
    [Required(ErrorMessage = "请选择{0}")]
    public string? CityCode { get; set; }

    [Display(Name = "所在区、县（市）")]
    public string? DistrictCode { get; set; }

    [Display(Name = "详细地址")]
    [Required(ErrorMessage = "请填写{0}")]
    [StringLength(200, ErrorMessage = "{0}不超过{1}个字")]
    public string Address { get; set; } = "";

    [Display(Name = "法定代表人")]
    [Required(ErrorMessage = "请填写{0}")]
    [StringLength(50, ErrorMessage = "{0}不超过{1}个字")]
    public string LegalRepresentative { get; set; } = "";

    [Display(Name = "成立日期")]
    [Required(ErrorMessage = "请填写{0}")]
    public DateOnly? EstablishedOn { get; set; }

    [Display(Name = "职工人数")]
    [Required(ErrorMessage = "请填写{0}")]
    [Range(0, 1_000_000, ErrorMessage = "{0}应在{1}到{2}之间")]
    public int? StaffCount { get; set; }

    [Display(Name = "联系人")]
    [Required(ErrorMessage = "请填写{0}")]
    [StringLength(50, ErrorMessage = "{0}不超过{1}个字")]
    public string ContactPerson { get; set; } = "";

    [Display(Name = "联系人手机号码")]
    [Required(ErrorMessage = "请填写{0}")]
    [RegularExpression(@"^1[3-9]\d{9}$", ErrorMessage = "{0}应为11位大陆手机号码")]
    public string ContactMobile { get; set; } = "";

    [Display(Name = "联系人电子邮箱")]
    [Required(ErrorMessage = "请填写{0}")]
    [EmailAddress(ErrorMessage = "{0}格式不正确")]
    [StringLength(100, ErrorMessage = "{0}不超过{1}个字符")]
    public string ContactEmail { get; set; } = "";

    [Display(Name = "管理员姓名")]
    [Required(ErrorMessage = "请填写{0}")]
    [StringLength(50, ErrorMessage = "{0}不超过{1}个字")]
    public string AdminName { get; set; } = "";

    [Display(Name = "管理员登录邮箱")]
    [Required(ErrorMessage = "请填写{0}")]
    [EmailAddress(ErrorMessage = "{0}格式不正确")]
    [StringLength(100, ErrorMessage = "{0}不超过{1}个字符")]
    public string AdminEmail { get; set; } = "";

    [Display(Name = "密码")]
    [Required(ErrorMessage = "请设置{0}")]
    [DataType(DataType.Password)]
    public string Password { get; set; } = "";

    [Display(Name = "确认密码")]
    [Required(ErrorMessage = "请再次输入密码")]
    [DataType(DataType.Password)]
    [Compare(nameof(Password), ErrorMessage = "两次输入的密码不一致")]
    public string ConfirmPassword { get; set; } = "";

    [Display(Name = "信息真实性承诺")]
    [Range(typeof(bool), "true", "true", ErrorMessage = "请阅读并勾选信息真实性承诺")]
    public bool AcceptsDeclaration { get; set; }
}
