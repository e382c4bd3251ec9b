using IpPlatform.Identity.Accounts;
using IpPlatform.Identity.Authorization;
using IpPlatform.Kernel.Reviews;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IpPlatform.Web.Pages.Expert;

/// <summary>An expert's assignments: only their own, each to be declared, scored and submitted.</summary>
public sealed class IndexModel(ExpertAssignments reviews) : PageModel
{
    public IReadOnlyList<AssignmentView> Assignments { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (!User.HasRole(StaffRole.Expert))
        {
            return NotFound();
        }

        Assignments = await reviews.ForExpertAsync(User.UserId(), HttpContext.RequestAborted);
        return Page();
    }

    public static string StateText(AssignmentState state) => state switch
    {
        AssignmentState.Assigned => "待声明",
        AssignmentState.Accepted => "评分中",
        AssignmentState.Declined => "已回避",
        _ => "已提交",
    };
}
