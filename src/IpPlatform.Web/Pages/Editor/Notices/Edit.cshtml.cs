using IpPlatform.Identity.Authorization;
using IpPlatform.Kernel;
using IpPlatform.Kernel.Authorities;
using IpPlatform.Identity.Accounts;
using IpPlatform.Kernel.Content;
using IpPlatform.Kernel.Files;
using IpPlatform.Kernel.Programs;
using IpPlatform.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace IpPlatform.Web.Pages.Editor.Notices;

/// <summary>
/// Creates and edits a notice: every save is a new version; publishing, unpublishing and scheduling act on the item.
/// An editor outside the owner's authority gets 403.
/// </summary>
[RequestSizeLimit(UploadRules.DefaultMaxBytes + 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = UploadRules.DefaultMaxBytes + 1024 * 1024)]
[RateLimited(LimitedAction.Upload, "Attach")]
public sealed class EditModel(
    ContentStore content, CreateContent create, SaveContentDraft saveDraft, PublishContent publishing, UnpublishContent unpublish,
    ScheduleContent schedule, CancelContentSchedule cancelSchedule, AddContentAnnex addAnnex, ContentTypes types, AuthorityPlaces places,
    ProgramDirectory programs, ListAuthorities authorities, ListRounds rounds, ProgramOfRound programOfRound, FileStore files)
    : PageModel
{
    /// <summary>From the route only (its constraint allows notices|pages), never from a posted field.</summary>
    public string Section => (string)RouteData.Values["section"]!;

    [BindProperty]
    public Dictionary<string, string?> Fields { get; set; } = [];

    [BindProperty]
    public string? Owner { get; set; }

    /// <summary>The latest version the editor saw; a save on top of a newer one is refused.</summary>
    [BindProperty]
    public int BasedOn { get; set; }

    /// <summary>Beijing time, "yyyy-MM-ddTHH:mm" from a datetime-local input.</summary>
    [BindProperty]
    public string? ScheduleAt { get; set; }

    [BindProperty]
    public ScheduledAction ScheduleAction { get; set; }

    public ContentTypeDefinition Type { get; private set; } = null!;

    /// <summary>The annex title typed, shown again when the upload is refused.</summary>
    public string? AnnexTitle { get; private set; }

    public ContentItem? Item { get; private set; }

    public IReadOnlyList<ContentSchedule> Schedules { get; private set; } = [];

    public IReadOnlyList<SelectListItem> Owners { get; private set; } = [];

    public IReadOnlyList<SelectListItem> ProgramOptions { get; private set; } = [];

    public IReadOnlyList<SelectListItem> RoundOptions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid? id)
    {
        if (await LoadAsync(id) is { } denied)
        {
            return denied;
        }

        if (Item is not null)
        {
            var latest = (await content.VersionAsync(Item.Id, Item.LatestVersion))!;
            Fields = EditorContext.ToFields(Type, latest.Body);
            BasedOn = Item.LatestVersion;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(Guid? id) => await SaveThenAsync(id, publish: false);

    public async Task<IActionResult> OnPostPublishAsync(Guid? id) => await SaveThenAsync(id, publish: true);

    public async Task<IActionResult> OnPostUnpublishAsync(Guid id)
    {
        if (await LoadAsync(id) is { } denied)
        {
            return denied;
        }

        return Done(await unpublish.UnpublishAsync(id, EditorContext.Actor(User)), $"已撤下，公众将看不到该{EditorContext.Sections[Section].Name}");
    }

    public async Task<IActionResult> OnPostScheduleAsync(Guid id)
    {
        if (await LoadAsync(id) is { } denied)
        {
            return denied;
        }

        if (!NoticeEditing.TryParseScheduleAt(ScheduleAt, out var local, out var at))
        {
            ModelState.AddModelError(nameof(ScheduleAt), "请填写定时时间（北京时间）");
            return await RedisplayAsync(id);
        }

        var outcome = await schedule.ScheduleAsync(id, ScheduleAction, at, null, EditorContext.Actor(User));
        if (!outcome.Succeeded)
        {
            ModelState.AddFieldErrors(outcome.Errors, prefix: "");
            return await RedisplayAsync(id);
        }

        TempData["Status"] = $"已定时于 {local:yyyy-MM-dd HH:mm}（北京时间）{(ScheduleAction == ScheduledAction.Publish ? $"发布第{outcome.Value!.Version}版" : "撤下")}";
        return Redirect($"/editor/{Section}/{id}");
    }

    public async Task<IActionResult> OnPostCancelScheduleAsync(Guid id, Guid scheduleId)
    {
        if (await LoadAsync(id) is { } denied)
        {
            return denied;
        }

        var schedules = await content.PendingSchedulesAsync(id);
        if (schedules.All(s => s.Id != scheduleId))
        {
            return NotFound();
        }

        var outcome = await cancelSchedule.CancelAsync(scheduleId, EditorContext.Actor(User));
        TempData["Status"] = outcome.Succeeded ? "已取消定时任务" : outcome.Errors.All[0].Message;
        return Redirect($"/editor/{Section}/{id}");
    }

    /// <summary>Uploads a file for an annex: a new draft version with the annex (and its file) added.</summary>
    public async Task<IActionResult> OnPostAttachAsync(Guid id, string? annexTitle, IFormFile? annexFile)
    {
        AnnexTitle = annexTitle;
        if (await LoadAsync(id) is { } denied)
        {
            return denied;
        }

        var field = Type.Fields.FirstOrDefault(f => f.Kind == ContentFieldKind.Annexes);
        if (field is null)
        {
            return NotFound();
        }

        if (string.IsNullOrWhiteSpace(annexTitle) || annexFile is null)
        {
            ModelState.AddModelError("annexTitle", "请填写附件标题并选择文件");
            return await RedisplayAsync(id);
        }

        StoredFile stored;
        await using (var stream = annexFile.OpenReadStream())
        {
            try
            {
                stored = await files.SaveAsync(stream, annexFile.FileName, AnnexRules, User.UserId());
            }
            catch (UploadRejectedException ex)
            {
                ModelState.AddModelError("annexFile", ex.Message);
                return await RedisplayAsync(id);
            }
        }

        var saved = await addAnnex.AddAsync(id, field.Name, annexTitle.Trim(), stored.Id, EditorContext.Actor(User));
        TempData["Status"] = saved.Succeeded ? $"已添加附件“{annexTitle.Trim()}”（第{saved.Value!.LatestVersion}版草稿，发布后公众可下载）" : saved.Errors.All[0].Message;
        return Redirect($"/editor/{Section}/{id}");
    }

    /// <summary>What an annex may be: the usual document formats, at most 20 MB.</summary>
    public static readonly UploadRules AnnexRules =
        new([FileKind.Pdf, FileKind.Docx, FileKind.Xlsx, FileKind.Ofd, FileKind.Jpeg, FileKind.Png], UploadRules.DefaultMaxBytes);

    private async Task<IActionResult> SaveThenAsync(Guid? id, bool publish)
    {
        if (await LoadAsync(id) is { } denied)
        {
            return denied;
        }

        if (await NoticeEditing.CheckLinksAsync(User, Fields, programs, places, programOfRound) is { } linkError)
        {
            ModelState.AddModelError(linkError.Field, linkError.Message);
            return Page();
        }

        var previous = Item is null ? null : (await content.VersionAsync(Item.Id, Item.LatestVersion))!.Body;
        var body = EditorContext.ToBody(Type, Fields, previous);
        var actor = EditorContext.Actor(User);
        Outcome<ContentItem> saved;
        if (Item is null)
        {
            var owners = User.EditableAuthorities(await places.GetAsync());
            if (Owner is null || !owners.Contains(Owner))
            {
                ModelState.AddModelError(nameof(Owner), "请选择发布单位");
                return Page();
            }

            saved = await create.CreateAsync(Type.Name, Owner, body, actor);
        }
        else
        {
            var latest = (await content.VersionAsync(Item.Id, Item.LatestVersion))!;
            saved = System.Text.Json.Nodes.JsonNode.DeepEquals(latest.Body, body) && BasedOn == Item.LatestVersion
                ? Outcome<ContentItem>.Ok(Item)
                : await saveDraft.SaveAsync(Item.Id, body, BasedOn, actor);
        }

        if (!saved.Succeeded)
        {
            foreach (var (field, message) in saved.Errors.All)
            {
                ModelState.AddModelError(field.Length == 0 ? "" : $"Fields[{field}]", message);
            }

            return Page();
        }

        var item = saved.Value!;
        if (!publish)
        {
            TempData["Status"] = $"已保存为第{item.LatestVersion}版草稿";
            return Redirect($"/editor/{Section}/{item.Id}");
        }

        return Done(await publishing.PublishAsync(item.Id, item.LatestVersion, actor), $"已发布第{item.LatestVersion}版", item.Id);
    }

    private IActionResult Done(Outcome<ContentItem> outcome, string message, Guid? id = null)
    {
        TempData["Status"] = outcome.Succeeded ? message : outcome.Errors.All[0].Message;
        return Redirect($"/editor/{Section}/{id ?? Item!.Id}");
    }

    private async Task<IActionResult> RedisplayAsync(Guid id)
    {
        var latest = (await content.VersionAsync(id, Item!.LatestVersion))!;
        Fields = EditorContext.ToFields(Type, latest.Body);
        BasedOn = Item.LatestVersion;
        return Page();
    }

    /// <summary>Loads the type, the item and the choices; returns a result when the editor may not act here.</summary>
    private async Task<IActionResult?> LoadAsync(Guid? id)
    {
        Type = (await types.FindAsync(EditorContext.Sections[Section].Type))!;
        var placeMap = await places.GetAsync();
        if (id is { } itemId)
        {
            Item = await content.FindAsync(itemId);
            if (Item is null || Item.Type != Type.Name)
            {
                return NotFound();
            }

            if (!User.EditsFor(Item.OwnerAuthority, placeMap))
            {
                return Forbid();
            }

            Schedules = await content.PendingSchedulesAsync(itemId);
        }

        var editable = User.EditableAuthorities(placeMap);
        Owners = (await authorities.RunAsync(new AuthorityFilter(Codes: editable)))
            .Select(a => new SelectListItem(a.Agency, a.Code)).ToList();
        ProgramOptions = (await programs.ListAsync()).Select(p => new SelectListItem(p.Name, p.Slug)).ToList();
        RoundOptions = (await rounds.RunAsync()).Select(r => new SelectListItem(r.Title, r.Key)).ToList();
        return null;
    }
}
