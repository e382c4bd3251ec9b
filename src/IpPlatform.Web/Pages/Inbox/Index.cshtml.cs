using IpPlatform.Identity.Accounts;
using IpPlatform.Kernel.Notifications;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IpPlatform.Web.Pages.Inbox;

/// <summary>The organisation's messages: returns, decisions, deadline reminders (also mailed to every member).</summary>
public sealed class InboxModel(NotificationService notifications) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<Notification> Items { get; private set; } = [];

    public int Total { get; private set; }

    public int Unread { get; private set; }

    public int Pages => Math.Max(1, (Total + NotificationService.PageSize - 1) / NotificationService.PageSize);

    public async Task OnGetAsync()
    {
        (Items, Total, Unread) = await notifications.InboxAsync(User.OrganisationId()!.Value, PageNumber, HttpContext.RequestAborted);
    }

    public async Task<IActionResult> OnPostReadAsync()
    {
        await notifications.MarkAllReadAsync(User.OrganisationId()!.Value, HttpContext.RequestAborted);
        return Redirect("/inbox");
    }
}
