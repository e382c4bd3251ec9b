using IpPlatform.Identity.Authorization;
using IpPlatform.Kernel.Applications;
using IpPlatform.Kernel.Authorities;
using IpPlatform.Kernel.Content;
using IpPlatform.Kernel.Exports;
using IpPlatform.Kernel.Forms;
using IpPlatform.Kernel.Programs;
using IpPlatform.Kernel.Queues;
using IpPlatform.Kernel.Workflows;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IpPlatform.Web.Pages.Review;

/// <summary>
/// The review queue of the signed-in reviewer, limited on the server to their scope: 待我处理 by default, or everything
/// they may see; filters, counts by state, sorting, paging, and xlsx exports of the list and of a program's tables.
/// </summary>
public sealed class IndexModel(
    ReviewQueue queue, IncludeOrganisation include, ApplicationAnswers answersOf, ListPrograms programs, RoundQueries rounds,
    ListAuthorities authorities, LatestReviewChain reviewChains) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Program { get; set; }
    [BindProperty(SupportsGet = true)] public string? Round { get; set; }
    [BindProperty(SupportsGet = true)] public string? State { get; set; }
    [BindProperty(SupportsGet = true)] public string? City { get; set; }
    [BindProperty(SupportsGet = true)] public string? District { get; set; }
    [BindProperty(SupportsGet = true)] public bool Overdue { get; set; }
    [BindProperty(SupportsGet = true)] public ApplicationKind? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public bool DueThisMonth { get; set; }
    [BindProperty(SupportsGet = true, Name = "view")] public string? View { get; set; }
    [BindProperty(SupportsGet = true)] public QueueSort Sort { get; set; }
    [BindProperty(SupportsGet = true)] public bool Asc { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public QueuePage Result { get; private set; } = null!;

    public IReadOnlyList<ProgramInstance> Programs { get; private set; } = [];

    public IReadOnlyList<Round> Rounds { get; private set; } = [];

    public IReadOnlyList<Authority> Places { get; private set; } = [];

    /// <summary>The tables the selected program's review chain exports (e.g. seed 003's 汇总表).</summary>
    public IReadOnlyList<WorkflowExport> Tables { get; private set; } = [];

    public bool Todo => View != "all";

    /// <summary>Actions that bring an organisation in without an application (e.g. seed 002's national and provincial outlets).</summary>
    public IReadOnlyList<ActionForm> Inclusions { get; private set; } = [];

    private string? refusedInclusion;

    public async Task<IActionResult> OnPostIncludeAsync(string action)
    {
        if (!IsReviewer() || Program is null || await DefinitionOfAsync(Program) is not { } definition
            || InclusionActions(definition).FirstOrDefault(a => a.Key == action) is not { } chosen)
        {
            return NotFound();
        }

        var round = Blank(Round) ?? (await RoundsOfAsync(Program)).FirstOrDefault()?.Key;
        var inputs = new System.Text.Json.Nodes.JsonObject();
        foreach (var input in chosen.InputList)
        {
            inputs[input.Key] = Request.Form[$"{chosen.Key}.{input.Key}"].ToString();
        }

        var outcome = round is null ? Kernel.Outcome<Guid>.Fail("", "该项目还没有批次")
            : await include.IncludeAsync(round, chosen.Key, inputs, User.WorkflowActor(), HttpContext.RequestAborted);
        if (outcome.Succeeded)
        {
            TempData["Status"] = $"已{chosen.Label}";
            return Redirect($"/review/{outcome.Value}");
        }

        refusedInclusion = chosen.Key;
        foreach (var (field, message) in outcome.Errors.All)
        {
            ModelState.AddModelError(field.Length == 0 ? "" : $"{chosen.Key}.{field}", message);
        }

        View = "all";
        return await OnGetAsync();
    }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!IsReviewer())
        {
            return NotFound();
        }

        Result = await queue.PageAsync(User.WorkflowActor(), Filter(), HttpContext.RequestAborted);
        await LoadChoicesAsync();
        return Page();
    }

    public async Task<IActionResult> OnGetExportAsync()
    {
        if (!IsReviewer())
        {
            return NotFound();
        }

        var rows = await queue.AllAsync(User.WorkflowActor(), Filter(), HttpContext.RequestAborted);
        var bytes = XlsxTable.Write("申报审核清单", ["序号", "申报单位", "项目", "批次或报告事项", "所在地", "状态", "提交时间", "截止日期"],
            rows.Select((r, i) => (IReadOnlyList<object?>)[i + 1, r.Organisation, r.Program, r.Round, Place(r), r.StateLabel, Time(r.SubmittedAt), r.Deadline?.ToString("yyyy-MM-dd")]));
        return File(bytes, XlsxTable.ContentType, $"申报审核清单-{DateTime.UtcNow.AddHours(8):yyyyMMdd}.xlsx");
    }

    /// <summary>A program's own table (its review chain's "exports"), one row per application in the filtered list.</summary>
    public async Task<IActionResult> OnGetTableAsync(string table)
    {
        if (!IsReviewer() || Program is null || await DefinitionOfAsync(Program) is not { } definition
            || definition.ExportList.FirstOrDefault(t => t.Key == table) is not { } export)
        {
            return NotFound();
        }

        // The program's table is of its applications (the 汇总表 of those recommended), never of what awardees file later.
        var rows = await queue.AllAsync(User.WorkflowActor(), Filter() with { Kind = ApplicationKind.Application }, HttpContext.RequestAborted);
        var ids = rows.Select(r => r.ApplicationId).ToList();
        var answers = await answersOf.OfAsync(ids, HttpContext.RequestAborted);
        var bytes = XlsxTable.Write(export.Title, export.Columns.Select(c => c.Label).ToList(), rows.Select((r, i) => (IReadOnlyList<object?>)export.Columns.Select(c => c.Value switch
        {
            "index" => i + 1,
            "organisation" => r.Organisation,
            "state" => r.StateLabel,
            "submittedAt" => Time(r.SubmittedAt),
            "deadline" => r.Deadline?.ToString("yyyy-MM-dd"),
            _ => (object?)FormAnswers.Text(answers[r.ApplicationId], c.Answer!.Split('.')[0], c.Answer.Split('.')[1]),
        }).ToList()));
        return File(bytes, XlsxTable.ContentType, $"{export.Title}-{DateTime.UtcNow.AddHours(8):yyyyMMdd}.xlsx");
    }

    public string Place(QueueRow row) =>
        string.Join(" ", new[] { row.CityCode, row.DistrictCode }.Where(c => c is not null).Select(c => Places.FirstOrDefault(a => a.Code == c)?.Name ?? c));

    public static string Time(DateTimeOffset? at) => at?.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm") ?? "";

    /// <summary>The query string of the current filters with some changed (for links that keep the rest).</summary>
    public string Link(object? changes = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["view"] = View, ["program"] = Program, ["round"] = Round, ["state"] = State, ["city"] = City, ["district"] = District,
            ["overdue"] = Overdue ? "true" : null, ["kind"] = Kind?.ToString(), ["dueThisMonth"] = DueThisMonth ? "true" : null, ["sort"] = Sort == QueueSort.Submitted ? null : Sort.ToString(), ["asc"] = Asc ? "true" : null,
        };
        foreach (var property in changes?.GetType().GetProperties() ?? [])
        {
            values[property.Name] = property.GetValue(changes)?.ToString();
        }

        return "/review" + Microsoft.AspNetCore.Http.QueryString.Create(values.Where(v => !string.IsNullOrEmpty(v.Value)));
    }

    private QueueFilter Filter() => new(Blank(Program), Blank(Round), Blank(State), Blank(City), Blank(District), Overdue, Todo, Sort, !Asc, PageNumber, Kind, DueThisMonth);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private bool IsReviewer() => User.WorkflowActor().IsReviewer;

    private async Task LoadChoicesAsync()
    {
        var ct = HttpContext.RequestAborted;
        Programs = await programs.RunAsync(ct);
        var program = Programs.FirstOrDefault(p => p.Slug == Program);
        Rounds = program is null ? [] : await RoundsOfAsync(program.Slug);
        Places = await authorities.RunAsync(new AuthorityFilter(ExceptLevel: AuthorityLevel.Province, ByCode: true), ct);
        var definition = Program is null ? null : await DefinitionOfAsync(Program);
        Tables = definition?.ExportList ?? [];
        Inclusions = definition is null ? [] : InclusionActions(definition).Select(a => new ActionForm(
            a, $"/review?handler=Include&program={Uri.EscapeDataString(Program!)}", [new("action", a.Key)], refusedInclusion == a.Key,
            input => refusedInclusion == a.Key ? Request.Form[$"{a.Key}.{input.Key}"].ToString() : input.Default ?? "")).ToList();
    }

    /// <summary>The latest review chain of a program (exports and inclusions are offered from it).</summary>
    private Task<WorkflowDefinition?> DefinitionOfAsync(string slug) => reviewChains.RunAsync(slug, HttpContext.RequestAborted);

    private IEnumerable<WorkflowAction> InclusionActions(WorkflowDefinition definition)
    {
        var roles = User.WorkflowActor().Grants.Select(g => g.Role).ToHashSet();
        return definition.ActionsFrom(definition.Initial).Where(a => !a.ByApplicant && !a.BySystem && a.Roles.Any(roles.Contains));
    }

    private Task<IReadOnlyList<Round>> RoundsOfAsync(string slug) => rounds.RoundsOfAsync(slug, HttpContext.RequestAborted);
}
