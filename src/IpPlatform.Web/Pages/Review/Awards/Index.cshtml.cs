using IpPlatform.Identity.Authorization;
using IpPlatform.Kernel.Authorities;
using IpPlatform.Kernel.Awards;
using IpPlatform.Kernel.Exports;
using IpPlatform.Kernel.Programs;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IpPlatform.Web.Pages.Review.Awards;

/// <summary>The awards in the reviewer's scope: filters, counts by status, funds, overdue obligations, xlsx.</summary>
public sealed class IndexModel(AwardList awards, ProgramDirectory programs, AuthorityNames names) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Program { get; set; }
    [BindProperty(SupportsGet = true)] public AwardStatus? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? City { get; set; }
    [BindProperty(SupportsGet = true)] public string? District { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public AwardListPage Result { get; private set; } = null!;

    public IReadOnlyList<ProgramSummary> Programs { get; private set; } = [];

    public IReadOnlyDictionary<string, string> Places { get; private set; } = new Dictionary<string, string>();

    public async Task<IActionResult> OnGetAsync()
    {
        var actor = User.WorkflowActor();
        if (!actor.IsReviewer)
        {
            return NotFound();
        }

        Result = await awards.PageAsync(actor, Filter(), HttpContext.RequestAborted);
        Programs = await programs.ListAsync(HttpContext.RequestAborted);
        Places = await names.PlacesAsync(HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnGetExportAsync()
    {
        var actor = User.WorkflowActor();
        if (!actor.IsReviewer)
        {
            return NotFound();
        }

        var rows = await awards.AllAsync(actor, Filter(), HttpContext.RequestAborted);
        var places = await names.PlacesAsync(HttpContext.RequestAborted);
        var bytes = XlsxTable.Write("称号与资格清单", ["序号", "单位", "称号或资格", "项目", "批次", "所在地", "状态", "起始日期", "期满日期", "文号", "批准资金（万元）", "已拨付（万元）", "已收回（万元）", "逾期未报送"],
            rows.Select((r, i) => (IReadOnlyList<object?>)[i + 1, r.Organisation, r.Title, r.Program, r.Round, Place(places, r),
                r.Status.ToChinese(), r.StartDate.ToString("yyyy-MM-dd"), r.EndDate.ToString("yyyy-MM-dd"), r.DocumentNumber, r.FundsGranted, r.FundsDisbursed, r.FundsClawedBack, r.OverdueObligations]));
        return File(bytes, XlsxTable.ContentType, $"称号与资格清单-{DateTime.UtcNow.AddHours(8):yyyyMMdd}.xlsx");
    }

    public string Link(object? changes = null)
    {
        var values = new Dictionary<string, string?> { ["program"] = Program, ["status"] = Status?.ToString(), ["city"] = City, ["district"] = District };
        foreach (var property in changes?.GetType().GetProperties() ?? [])
        {
            values[property.Name] = property.GetValue(changes)?.ToString();
        }

        return "/review/awards" + Microsoft.AspNetCore.Http.QueryString.Create(values.Where(v => !string.IsNullOrEmpty(v.Value)));
    }

    public static string Place(IReadOnlyDictionary<string, string> places, AwardRow row) =>
        string.Join(" ", new[] { row.CityCode, row.DistrictCode }.Where(c => c is not null).Select(c => places.GetValueOrDefault(c!, c!)));

    private AwardFilter Filter() => new(Blank(Program), null, Status, Blank(City), Blank(District), PageNumber);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
