using IpPlatform.Kernel;
using System.ComponentModel.DataAnnotations;
using IpPlatform.Identity.Staff;
using IpPlatform.Web.Hosting;
using IpPlatform.Web.Pages.Account;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using IpPlatform.Kernel.Authorities;

namespace IpPlatform.Web.Pages.Admin.Staff;

public sealed class CreateModel(StaffAccountService staff, ListAuthorities authorities, PublicLinks links) : PageModel
{
    public sealed class CreateInput
    {
        [Display(Name = "姓名")]
        [Required(ErrorMessage = "请填写{0}")]
        [StringLength(50, ErrorMessage = "{0}不超过{1}个字")]
        public string Name { get; set; } = "";

        [Display(Name = "邮箱")]
        [Required(ErrorMessage = "请填写{0}")]
        [EmailAddress(ErrorMessage = "{0}格式不正确")]
        [StringLength(100, ErrorMessage = "{0}不超过{1}个字符")]
        public string Email { get; set; } = "";

        [Display(Name = "手机号码")]
        [RegularExpression(@"^1[3-9]\d{9}$", ErrorMessage = "{0}应为11位大陆手机号码")]
        public string? Phone { get; set; }

        [Display(Name = "专业领域（专家）")]
        [StringLength(200, ErrorMessage = "{0}不超过{1}个字")]
        public string? Expertise { get; set; }

        [Display(Name = "工作单位（专家）")]
        [StringLength(200, ErrorMessage = "{0}不超过{1}个字")]
        public string? Employer { get; set; }

        [Display(Name = "工作单位统一社会信用代码（专家）")]
        [StringLength(18, ErrorMessage = "{0}为18位")]
        public string? EmployerCreditCode { get; set; }

        public RoleGrantInput Grants { get; set; } = new();
    }

    [BindProperty]
    public CreateInput Input { get; set; } = new();

    public IReadOnlyList<SelectListItem> Authorities { get; private set; } = [];

    public async Task OnGetAsync() => Authorities = await RoleGrantInput.AuthorityOptionsAsync(authorities);

    public async Task<IActionResult> OnPostAsync()
    {
        Authorities = await RoleGrantInput.AuthorityOptionsAsync(authorities);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var outcome = await staff.CreateAsync(User, Input.Name, Input.Email, Input.Phone, Input.Grants.ToGrants(), Input.Expertise,
            (userId, token) => ResetPasswordModel.Link(links, userId, token), HttpContext.RequestAborted, Input.Employer, Input.EmployerCreditCode);
        if (!outcome.Succeeded)
        {
            ModelState.AddFieldErrors(outcome.Errors);
            return Page();
        }

        TempData["Status"] = $"已开通 {Input.Name} 的账户，设置密码的链接已发送到 {Input.Email}。";
        return Redirect("/admin/staff");
    }
}
