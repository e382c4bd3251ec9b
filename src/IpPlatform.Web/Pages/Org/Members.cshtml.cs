using IpPlatform.Kernel;
using System.ComponentModel.DataAnnotations;
using IpPlatform.Identity.Accounts;
using IpPlatform.Identity.Organisations;
using IpPlatform.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IpPlatform.Web.Pages.Org;

/// <summary>成员管理: the organisation administrator invites members by email and removes them.</summary>
[RateLimited(LimitedAction.Invitation, "Invite")]
public sealed class MembersModel(MembershipService membership, PublicLinks links) : PageModel
{
    public sealed class InviteInput
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
    }

    [BindProperty]
    public InviteInput Input { get; set; } = new();

    public IReadOnlyList<PlatformUser> Members { get; private set; } = [];

    public IReadOnlyList<OrganisationInvitation> Invitations { get; private set; } = [];

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostInviteAsync()
    {
        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }

        var outcome = await membership.InviteAsync(User, Input.Name, Input.Email,
            token => links.Absolute($"/account/accept-invitation?token={token}"), HttpContext.RequestAborted);
        if (!outcome.Succeeded)
        {
            ModelState.AddFieldErrors(outcome.Errors);
            await LoadAsync();
            return Page();
        }

        TempData["Status"] = $"已向 {Input.Email} 发送邀请邮件，链接7天内有效。";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid invitationId)
    {
        var outcome = await membership.RevokeAsync(User, invitationId, HttpContext.RequestAborted);
        if (!outcome.Succeeded)
        {
            ModelState.AddFieldErrors(outcome.Errors);
            await LoadAsync();
            return Page();
        }

        TempData["Status"] = $"已撤销对 {outcome.Value!.Email} 的邀请。";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid memberId)
    {
        var outcome = await membership.RemoveAsync(User, memberId, HttpContext.RequestAborted);
        if (!outcome.Succeeded)
        {
            ModelState.AddFieldErrors(outcome.Errors);
            await LoadAsync();
            return Page();
        }

        TempData["Status"] = $"已移除成员 {outcome.Value!.DisplayName}。";
        return RedirectToPage();
    }

    private async Task LoadAsync()
    {
        var organisation = User.OrganisationId()!.Value;
        Members = await membership.MembersAsync(organisation, HttpContext.RequestAborted);
        Invitations = await membership.OpenInvitationsAsync(organisation, HttpContext.RequestAborted);
    }
}
