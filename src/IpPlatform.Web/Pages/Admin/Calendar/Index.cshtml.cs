using IpPlatform.Identity.Accounts;
using IpPlatform.Identity.Authorization;
using IpPlatform.Kernel.Calendar;
using IpPlatform.Kernel.Time;
using IpPlatform.Web.Hosting;
using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IpPlatform.Web.Pages.Admin.Calendar;

/// <summary>The working-day calendar (statutory holidays and 调休 days), maintained by province administrators.</summary>
public sealed class IndexModel(CalendarService calendar, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }

    [BindProperty, Display(Name = "日期")] public DateOnly? Date { get; set; }
    [BindProperty, Display(Name = "类型")] public CalendarDayKind Kind { get; set; }
    [BindProperty] public string? Name { get; set; }

    public IReadOnlyList<int> Years { get; private set; } = [];

    public IReadOnlyList<CalendarDay> Days { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync() => IsProvinceAdministrator() ? await ShowAsync() : NotFound();

    public async Task<IActionResult> OnPostSaveAsync()
    {
        if (!IsProvinceAdministrator())
        {
            return NotFound();
        }

        if (Date is not { } date || !ModelState.IsValid)
        {
            if (ModelState.IsValid)
            {
                ModelState.AddModelError(nameof(Date), "请选择日期");
            }

            return await ShowAsync();
        }

        var saved = await calendar.SetAsync(date, Kind, Name, HttpContext.RequestAborted);
        if (!saved.Succeeded)
        {
            ModelState.AddFieldErrors(saved.Errors, prefix: "");
            Year = date.Year;
            return await ShowAsync();
        }

        TempData["Status"] = $"已保存 {date:yyyy-MM-dd}（{(Kind == CalendarDayKind.Holiday ? "放假" : "调休上班")}，{Name?.Trim()}）";
        return Redirect($"/admin/calendar?year={date.Year}");
    }

    public async Task<IActionResult> OnPostRemoveAsync(DateOnly date)
    {
        if (!IsProvinceAdministrator())
        {
            return NotFound();
        }

        TempData["Status"] = await calendar.RemoveAsync(date, HttpContext.RequestAborted) ? $"已删除 {date:yyyy-MM-dd}，该日按周一至周五上班、周末休息计算" : "该日期不在表中";
        return Redirect($"/admin/calendar?year={date.Year}");
    }

    private async Task<IActionResult> ShowAsync()
    {
        Years = await calendar.YearsAsync(HttpContext.RequestAborted);
        Year ??= BeijingTime.Today(clock).Year;
        Days = await calendar.YearAsync(Year.Value, HttpContext.RequestAborted);
        return Page();
    }

    private bool IsProvinceAdministrator() => User.HoldsAtProvince(StaffRole.Administrator);
}
