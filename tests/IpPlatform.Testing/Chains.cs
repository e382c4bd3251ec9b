using IpPlatform.Kernel.Scheduling;
using Shouldly;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using IpPlatform.Kernel.Applications;
using IpPlatform.Kernel.Forms;
using IpPlatform.Kernel.Programs;
using IpPlatform.Kernel.Workflows;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IpPlatform.Testing;

/// <summary>Applications brought into their review chains, and reviewers acting on them through the review pages.</summary>
public static partial class Chains
{
    public const string Shenyang = "reviewer.shenyang@example.com";
    public const string Dalian = "reviewer.dalian@example.com";
    public const string Province = "reviewer.province@example.com";
    public const string Heping = "reviewer.heping@example.com";

    [GeneratedRegex("/applications/([0-9a-f-]{36})")]
    private static partial Regex ApplicationLink();

    [GeneratedRegex("""<(input|textarea)\b[^>]*>""")]
    private static partial Regex Tag();

    [GeneratedRegex("""name="slot" value="([^"]+)" """)]
    private static partial Regex Slot();

    /// <summary>A new certified organisation; returns its administrator's client, id and sign-in email.</summary>
    public static async Task<(FormClient Client, Guid Organisation, string Email)> OrganisationAsync(
        PlatformFactory app, string district = "210106", string type = "Enterprise", string city = "210100", string? name = null)
    {
        var (client, code, email) = await Registration.RegisterAsync(app, f =>
        {
            (f["Input.CityCode"], f["Input.DistrictCode"], f["Input.Type"]) = (city, district, type);
            f["Input.Name"] = name ?? f["Input.Name"];
        });
        await app.Database.ScalarAsync<int>($"UPDATE organisations SET certification = 'Certified' WHERE credit_code = '{code}'");
        var organisation = await app.Database.ScalarAsync<Guid>($"SELECT id FROM organisations WHERE credit_code = '{code}'");
        return (client, organisation, email);
    }

    /// <summary>
    /// Seed 004 表1 filled completely, every attachment uploaded and submitted, all through the applicant's pages; each
    /// attachment is <paramref name="attachment"/>'s PDF for its slot (the same small PDF for all when not given).
    /// </summary>
    public static async Task<(FormClient Applicant, Guid Id, string Email)> Submitted004Async(
        PlatformFactory app, string district = "210106", Func<string, byte[]>? attachment = null)
    {
        var (client, _, email) = await OrganisationAsync(app, district);
        var started = await client.PostAsync("/apply/high-value-patent-2026-demo", []);
        var id = Guid.Parse(ApplicationLink().Match(started.Location!).Groups[1].Value);
        var page = (await client.GetAsync($"/applications/{id}")).Html;
        foreach (var slot in Slot().Matches(page).Select(m => m.Groups[1].Value))
        {
            var uploaded = await client.PostMultipartAsync($"/applications/{id}", [new("slot", slot)], [("file", $"{slot}.pdf", attachment?.Invoke(slot) ?? TestData.Pdf)], $"/applications/{id}/Attach");
            uploaded.Status.ShouldBe(HttpStatusCode.Redirect);
        }

        var submitted = await client.PostAsync($"/applications/{id}", CompleteForm(page), $"/applications/{id}/Submit");
        submitted.RedirectsTo($"/applications/{id}").ShouldBeTrue(Problems(submitted.Html));
        (await StateAsync(app, id)).ShouldBe("cityReview");
        return (client, id, email);
    }

    /// <summary>A seed 004 application passed by the city and forwarded by the province: in 专家评审 (with its organisation's credit code).</summary>
    public static async Task<(Guid Id, string CreditCode)> InExpertReviewAsync(PlatformFactory app)
    {
        var (_, id, _) = await Submitted004Async(app);
        var code = await app.Database.ScalarAsync<string>($"SELECT o.credit_code FROM organisations o JOIN applications a ON a.organisation_id = o.id WHERE a.id = '{id}'");
        (await ActAsync(await app.SignedInAsync(Shenyang), id, "pass", [("opinion", "材料初审合格，同意推荐")])).RedirectsTo($"/review/{id}").ShouldBeTrue();
        (await ActAsync(await app.SignedInAsync(Province), id, "forward", [("opinion", "复核通过")])).RedirectsTo($"/review/{id}").ShouldBeTrue();
        (await StateAsync(app, id)).ShouldBe("expertReview");
        return (id, code!);
    }

    /// <summary>Every field of the application form on <paramref name="html"/>, filled as an applicant would (no joint applicant).</summary>
    public static List<KeyValuePair<string, string>> CompleteForm(string html)
    {
        var start = html.IndexOf("id=\"application-form\"", StringComparison.Ordinal);
        var form = html[start..html.IndexOf("</form>", start, StringComparison.Ordinal)];
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var tag in Tag().Matches(form).Select(m => m.Value))
        {
            string? Attr(string name) => Regex.Match(tag, $"\\s{name}=\"([^\"]*)\"") is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;
            var (name, type) = (Attr("name"), Attr("type"));
            if (name is null || name == "__RequestVerificationToken")
            {
                continue;
            }

            var value = type switch
            {
                "hidden" or "checkbox" => Attr("value"),
                // One answer per question: "否" for a yes/no question (no joint applicant), else the first option.
                "radio" when fields.Any(f => f.Key == name) => null,
                "radio" => Regex.IsMatch(form, $"name=\"{Regex.Escape(name)}\"[^>]*value=\"false\"|value=\"false\"[^>]*name=\"{Regex.Escape(name)}\"") ? "false" : Attr("value"),
                "date" => "2021-06-01",
                "month" => "2021-06",
                _ when Attr("inputmode") is "numeric" or "decimal" => "5",
                _ => "示例内容",
            };
            if (value is not null)
            {
                fields.Add(new(name, value));
            }
        }

        return fields;
    }

    /// <summary>
    /// An application of <paramref name="roundKey"/> for <paramref name="organisation"/>, created as a draft with the given
    /// answers and submitted by the applicant's action of its chain; the form's own checks are the forms tests' subject,
    /// so here they are answered by a stand-in. Everything after the submission runs as in production.
    /// </summary>
    public static async Task<Guid> SubmittedDirectlyAsync(PlatformFactory app, string roundKey, Guid organisation, JsonObject? answers = null)
    {
        var id = await DraftDirectlyAsync(app, roundKey, organisation, answers);
        var submitted = await SubmitDirectlyAsync(app, id, organisation);
        submitted.Succeeded.ShouldBeTrue(submitted.Errors.All.FirstOrDefault().Message);
        return id;
    }

    /// <summary>A draft application written straight to the table, given its review instance as start-up does.</summary>
    public static async Task<Guid> DraftDirectlyAsync(PlatformFactory app, string roundKey, Guid organisation, JsonObject? answers = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<DbContext>();
        var round = await db.Set<Round>().FirstAsync(r => r.Key == roundKey);
        var program = await db.Set<ProgramInstance>().FirstAsync(p => p.Id == round.ProgramId);
        var form = (await services.GetRequiredService<FormStore>().LatestAsync(ProgramKeys.ApplicationFormKey(program)))!;
        var application = new Application
        {
            Id = Guid.CreateVersion7(), RoundId = round.Id, ProgramId = program.Id, OrganisationId = organisation, FormKey = form.Key, FormVersion = form.Version,
            Variant = form.Definition.VariantList.FirstOrDefault()?.Key, Answers = answers ?? [], CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
        };
        db.Add(application);
        await db.SaveChangesAsync();
        await services.GetRequiredService<StartMissingInstances>().StartMissingInstancesAsync();
        return application.Id;
    }

    /// <summary>The applicant's submit action of the chain, its form checks answered by a stand-in.</summary>
    public static async Task<Kernel.Outcome<WorkflowHistoryEntry>> SubmitDirectlyAsync(PlatformFactory app, Guid id, Guid organisation)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var view = (await services.GetRequiredService<LoadApplication>().FindAsync(id, organisation))!;
        return await services.GetRequiredService<WorkflowEngine>().ApplyAsync(
            view.Instance, view.Workflow, "submit", WorkflowActor.Applicant(Guid.NewGuid(), "测试申报人", organisation), [], new PassingSubject());
    }

    /// <summary>
    /// A reviewer's action as a reviewer takes it: the action's form on the review page, with its rendered values and
    /// <paramref name="inputs"/> filled in (keys "opinion" for the action's own inputs, "a.section.field" for a form
    /// section). A <paramref name="sequence"/> stands for a page opened before the last step (a stale page). When the page
    /// offers no such action, the request is forged as an attacker would — posted where the page's action forms post —
    /// so that tests of refusals reach the server's checks.
    /// </summary>
    public static async Task<PageResponse> ActAsync(FormClient reviewer, Guid id, string action, IEnumerable<(string Key, string Value)>? inputs = null,
        IEnumerable<(string Name, string FileName, byte[] Content)>? files = null, int? sequence = null)
    {
        var fields = (inputs ?? []).Select(i => KeyValuePair.Create(i.Key.StartsWith("a.", StringComparison.Ordinal) ? i.Key : $"{action}.{i.Key}", i.Value)).ToList();
        if (sequence is { } stale)
        {
            fields.Add(new("sequence", stale.ToString()));
        }

        var page = $"/review/{id}";
        return await reviewer.SubmitFormAsync(page, f => f.Fields.Contains(KeyValuePair.Create("action", action)), fields, files)
            ?? await reviewer.PostMultipartAsync(page,
                new[] { new KeyValuePair<string, string>("action", action), new("sequence", (sequence ?? await SequenceAsync(reviewer, id)).ToString()) }.Concat(fields.Where(f => f.Key != "sequence")),
                files ?? [], $"/review/{id}/Act");
    }

    /// <summary>The history length a reviewer's page shows (what its action forms post back).</summary>
    private static async Task<int> SequenceAsync(FormClient reviewer, Guid id) =>
        Regex.Match((await reviewer.GetAsync($"/review/{id}")).Html, "name=\"sequence\" value=\"(\\d+)\"") is { Success: true } m ? int.Parse(m.Groups[1].Value) : 0;

    public static Task<string> StateAsync(PlatformFactory app, Guid id) =>
        app.Database.ScalarAsync<string>($"SELECT state FROM workflow_instances WHERE subject_id = '{id}'");

    public static async Task<ApplicationTimers.Run> RunTimersAsync(PlatformFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ApplicationTimers>().RunAsync();
    }

    public static string Today => DateTime.UtcNow.AddHours(8).ToString("yyyy-MM-dd");

    /// <summary>The error summary and status message of a page, as text (for assertion messages).</summary>
    public static string Problems(string html)
    {
        var found = Regex.Matches(html, "class=\"(?:alert[^\"]*|invalid-feedback[^\"]*)\"[^>]*>(.*?)</div>", RegexOptions.Singleline)
            .Select(m => Regex.Replace(m.Groups[1].Value, "<[^>]+>", " ").Trim()).Take(20).ToList();
        return found.Count > 0 ? string.Join(" | ", found) : html[..Math.Min(html.Length, 1500)];
    }

    /// <summary>Guards answered yes; the submission is recorded on the instance as the application's own subject would.</summary>
    private sealed class PassingSubject : IWorkflowSubject
    {
        public IReadOnlyDictionary<string, string> Placeholders { get; } = new Dictionary<string, string>();

        public string ApplicantLink => "/apply";

        public Task<string?> GuardRefusalAsync(string guard, WorkflowInstance instance, System.Text.Json.Nodes.JsonObject inputs, CancellationToken ct) => Task.FromResult<string?>(null);

        public Task<JsonObject?> MovedAsync(WorkflowInstance instance, WorkflowAction action, WorkflowState to, JsonObject inputs, WorkflowActor actor, CancellationToken ct)
        {
            instance.SubmittedAt ??= DateTimeOffset.UtcNow;
            return Task.FromResult<JsonObject?>(null);
        }
    }
}
