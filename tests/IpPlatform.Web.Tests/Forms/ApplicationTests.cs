using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using IpPlatform.Kernel.Applications;
using IpPlatform.Kernel.Forms;
using IpPlatform.Testing;
using IpPlatform.Web.Tests.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IpPlatform.Web.Tests.Forms;

public sealed partial class ApplicationTests(WebFixture app)
{
    [GeneratedRegex("/applications/([0-9a-f-]{36})")]
    private static partial Regex ApplicationLink();

    /// <summary>A newly registered, certified enterprise (so tests do not share an application).</summary>
    private async Task<FormClient> CertifiedEnterpriseAsync()
    {
        var (client, code, _) = await Registration.RegisterAsync(app);
        await app.Database.ScalarAsync<int>($"UPDATE organisations SET certification = 'Certified' WHERE credit_code = '{code}'");
        return client;
    }

    private static async Task<Guid> StartAsync(FormClient client, string round = "high-value-patent-2026-demo")
    {
        var started = await client.PostAsync($"/apply/{round}", []);
        started.Status.ShouldBe(HttpStatusCode.Redirect, started.Html.Length > 2000 ? started.Html[..2000] : started.Html);
        return Guid.Parse(ApplicationLink().Match(started.Location!).Groups[1].Value);
    }

    [Fact]
    public async Task An_enterprise_gets_table_1_and_a_draft_keeps_whatever_was_typed()
    {
        var client = await CertifiedEnterpriseAsync();
        var id = await StartAsync(client);

        var page = await client.GetAsync($"/applications/{id}");
        page.Html.ShouldContain("表1（企业填写）");
        page.Html.ShouldNotContain("表2（高校、科研机构等研发单位填写）");
        page.Html.ShouldNotContain("表3（该表由联合申报单位填写");

        var saved = await client.PostAsync($"/applications/{id}",
            [new("a.entBasic.totalStaff", "一百人"), new("a.joint.hasJoint", "true"), new("a.entBasic.ipFullTimeStaff", "2")], $"/applications/{id}/Save");
        saved.RedirectsTo($"/applications/{id}").ShouldBeTrue();

        var again = await client.GetAsync($"/applications/{id}");
        again.Html.ShouldContain("value=\"一百人\"");
        again.Html.ShouldContain("表3（该表由联合申报单位填写");
        (await app.Database.ScalarAsync<string>($"SELECT status FROM applications WHERE id = '{id}'")).ShouldBe("Draft");
    }

    [Fact]
    public async Task Submitting_lists_every_problem_in_chinese_linked_to_its_field_and_keeps_the_data()
    {
        var client = await CertifiedEnterpriseAsync();
        var id = await StartAsync(client);

        var submitted = await client.PostAsync($"/applications/{id}",
            [new("a.entBasic.totalStaff", "abc"), new("a.joint.hasJoint", "false")], $"/applications/{id}/Submit");

        submitted.Status.ShouldBe(HttpStatusCode.OK);
        submitted.Html.ShouldContain("需要补充或修改，已填写的内容均已保存");
        submitted.Html.ShouldContain("“企业总人数”应为整数");
        submitted.Html.ShouldContain("href=\"#f-entBasic-totalStaff\"");
        submitted.Html.ShouldContain("知识产权专兼职人员应不少于3人");
        submitted.Html.ShouldContain("请上传");
        submitted.Html.ShouldContain("value=\"abc\"");
        (await app.Database.ScalarAsync<string>($"SELECT answers->'entBasic'->>'totalStaff' FROM applications WHERE id = '{id}'")).ShouldBe("abc");
        (await app.Database.ScalarAsync<string>($"SELECT status FROM applications WHERE id = '{id}'")).ShouldBe("Draft");
    }

    [Fact]
    public async Task Crafted_posts_neither_crash_nor_bloat_a_draft()
    {
        var client = await CertifiedEnterpriseAsync();
        var id = await StartAsync(client);
        var page = $"/applications/{id}";

        // A row count that is not a number, a row button naming no table, and a value far beyond its field's limit.
        var saved = await client.PostAsync(page,
            [new("a.entIpSystem.systems.rows", "x"), new("rowAction", "add:nope.\r\nx"), new("a.entBasic.totalStaff", new string('9', 100_000)),
             new("a.entOverview.fieldsAndOutcomes", new string('长', 100_000))], $"{page}/Save");
        saved.RedirectsTo(page).ShouldBeTrue();
        (await app.Database.ScalarAsync<int>($"SELECT length(answers->'entBasic'->>'totalStaff') FROM applications WHERE id = '{id}'")).ShouldBeLessThanOrEqualTo(100);
        (await app.Database.ScalarAsync<int>($"SELECT length(answers->'entOverview'->>'fieldsAndOutcomes') FROM applications WHERE id = '{id}'")).ShouldBe(10_000);
        (await app.Database.ScalarAsync<int>($"SELECT jsonb_array_length(answers->'entIpSystem'->'systems') FROM applications WHERE id = '{id}'")).ShouldBe(0);

        // "Add a row" stops at the table's limit however often it is posted.
        for (var i = 0; i < 3; i++)
        {
            await client.PostAsync(page, [new("a.entIpSystem.systems.rows", "50"), new("rowAction", "add:entIpSystem.systems")], $"{page}/Save");
        }

        (await app.Database.ScalarAsync<int>($"SELECT jsonb_array_length(answers->'entIpSystem'->'systems') FROM applications WHERE id = '{id}'")).ShouldBe(50);
    }

    [Fact]
    public async Task Another_organisation_gets_not_found()
    {
        var owner = await CertifiedEnterpriseAsync();
        var id = await StartAsync(owner);
        var stranger = await app.SignedInAsync("materials.admin@example.com");
        var before = await app.Database.ScalarAsync<string?>($"SELECT answers::text FROM applications WHERE id = '{id}'");

        (await stranger.GetAsync($"/applications/{id}")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await stranger.GetAsync($"/applications/{id}/print")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await stranger.PostAsync("/apply", [new("a.entBasic.totalStaff", "1")], $"/applications/{id}/Save")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await app.Database.ScalarAsync<string?>($"SELECT answers::text FROM applications WHERE id = '{id}'")).ShouldBe(before);
        (await (await app.SignedInAsync("reviewer.shenyang@example.com")).GetAsync($"/applications/{id}")).RedirectsTo("/account/access-denied").ShouldBeTrue();
    }

    [Fact]
    public async Task Uploads_are_checked_by_content_and_recorded_with_their_hash()
    {
        var client = await CertifiedEnterpriseAsync();
        var id = await StartAsync(client);
        var slot = await app.Database.ScalarAsync<string>(
            $"SELECT definition->'attachments'->0->>'key' FROM form_versions WHERE key = 'high-value-patent.application' ORDER BY version DESC LIMIT 1");

        await client.PostMultipartAsync($"/applications/{id}/Attach", [new("slot", slot!)], [("file", "伪装.pdf", TestData.NotReallyPdf)]);
        (await client.GetAsync($"/applications/{id}")).Html.ShouldContain("文件内容不是允许的类型");
        (await app.Database.ScalarAsync<long>($"SELECT count(*) FROM application_files WHERE application_id = '{id}'")).ShouldBe(0);

        var oversized = new byte[20 * 1024 * 1024 + 1];
        TestData.Pdf.CopyTo(oversized, 0);
        await client.PostMultipartAsync($"/applications/{id}/Attach", [new("slot", slot!)], [("file", "过大.pdf", oversized)]);
        (await client.GetAsync($"/applications/{id}")).Html.ShouldContain("文件超过 20 MB 的上限");
        (await app.Database.ScalarAsync<long>($"SELECT count(*) FROM application_files WHERE application_id = '{id}'")).ShouldBe(0);

        await client.PostMultipartAsync($"/applications/{id}/Attach", [new("slot", slot!)], [("file", "专利清单.pdf", TestData.Pdf)]);
        var page = await client.GetAsync($"/applications/{id}");
        page.Html.ShouldContain("专利清单.pdf");
        (await app.Database.ScalarAsync<string>($"SELECT sha256 FROM application_files WHERE application_id = '{id}'"))
            .ShouldBe(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(TestData.Pdf)));
        (await client.Http.GetAsync($"/applications/{id}/file?slot={slot}")).Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
    }

    [Fact]
    public async Task An_uncertified_organisation_sees_why_and_cannot_start()
    {
        var (client, _, _) = await Registration.RegisterAsync(app);

        (await client.GetAsync("/apply/high-value-patent-2026-demo")).Html.ShouldContain("✗ 单位已通过认证");
        (await client.PostAsync("/apply/high-value-patent-2026-demo", [], "/apply/high-value-patent-2026-demo")).Html.ShouldContain("贵单位尚未通过认证");
    }

    [Fact]
    public async Task A_closed_round_accepts_no_application()
    {
        var client = await CertifiedEnterpriseAsync();

        (await client.PostAsync("/apply/operation-platform-2023", [], "/apply/operation-platform-2023")).Html.ShouldContain("该批次当前不在申报时间内");
    }

    [Fact]
    public async Task Eligibility_follows_the_program_settings_with_the_reason_shown()
    {
        // An enterprise of 25 staff established 2016 passes 000's ≥3 years and ≥10 staff.
        var client = await CertifiedEnterpriseAsync();
        var precheck = await client.GetAsync("/apply/brand-institution-2026-demo");
        precheck.Html.ShouldContain("✓ 培育机构应成立3年以上");
        precheck.Html.ShouldContain("✓ 培育机构工作人员应在10人以上");

        // 002 is Shenyang's: a Dalian enterprise is told it must be registered there.
        var dalian = await app.SignedInAsync("ocean.admin@example.com");
        (await dalian.GetAsync("/apply/shenyang-info-outlet-2026-demo")).Html.ShouldContain("✗ 申请备案的服务机构应在本市行政区域内注册或登记");
    }

    [Fact]
    public async Task An_application_keeps_its_form_version_when_the_form_changes()
    {
        var client = await CertifiedEnterpriseAsync();
        var id = await StartAsync(client);
        var before = await app.Database.ScalarAsync<int>($"SELECT form_version FROM applications WHERE id = '{id}'");

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var store = scope.ServiceProvider.GetRequiredService<FormStore>();
            var latest = (await store.LatestAsync("high-value-patent.application"))!;
            var changed = latest.Definition with { Title = latest.Definition.Title + "（修订）" };
            (await store.SaveAsync(changed, "test")).Created.ShouldBeTrue();
            (await store.SaveAsync(changed, "test")).Created.ShouldBeFalse();
        }

        (await app.Database.ScalarAsync<int>($"SELECT form_version FROM applications WHERE id = '{id}'")).ShouldBe(before);
        (await client.GetAsync($"/applications/{id}")).Html.ShouldNotContain("申报书（修订）");

        // The site recipe runs at every start; its unchanged form file must not undo the editor's revision.
        await app.RunRecipeFilesAsync("recipes/liaoning.recipe.json");
        (await app.Database.ScalarAsync<string>("SELECT title FROM form_versions WHERE key = 'high-value-patent.application' ORDER BY version DESC LIMIT 1"))
            .ShouldEndWith("（修订）");
    }

    [Fact]
    public async Task A_round_pinned_to_a_form_version_starts_applications_on_that_version()
    {
        const string program = "/editor/programs/brand-institution";
        var first = await app.Database.ScalarAsync<int>("SELECT min(version) FROM form_versions WHERE key = 'brand-institution.application'");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var store = scope.ServiceProvider.GetRequiredService<FormStore>();
            var latest = (await store.LatestAsync("brand-institution.application"))!;
            await store.SaveAsync(latest.Definition with { Title = latest.Definition.Title + "（新版）" }, "test");
        }

        var round = await app.Database.ScalarAsync<Guid>("SELECT id FROM rounds WHERE key = 'brand-institution-2026-demo'");
        var editor = await app.SignedInAsync("editor.province@example.com");
        (await editor.PostAsync(program, [new("roundId", round.ToString()), new("formVersion", "999")], program + "?handler=PinForm")).RedirectsTo(program).ShouldBeTrue();
        (await editor.GetAsync(program)).Html.ShouldContain("申报表单没有第999版");
        (await editor.PostAsync(program, [new("roundId", round.ToString()), new("formVersion", first.ToString())], program + "?handler=PinForm")).RedirectsTo(program).ShouldBeTrue();
        (await app.Database.ScalarAsync<string>($"SELECT form_version FROM rounds WHERE id = '{round}'")).ShouldBe($"brand-institution.application@{first}");

        var pinned = await StartAsync(await CertifiedEnterpriseAsync(), "brand-institution-2026-demo");
        (await app.Database.ScalarAsync<int>($"SELECT form_version FROM applications WHERE id = '{pinned}'")).ShouldBe(first);

        (await editor.PostAsync(program, [new("roundId", round.ToString()), new("formVersion", "")], program + "?handler=PinForm")).RedirectsTo(program).ShouldBeTrue();
        var latestStart = await StartAsync(await CertifiedEnterpriseAsync(), "brand-institution-2026-demo");
        (await app.Database.ScalarAsync<int>($"SELECT form_version FROM applications WHERE id = '{latestStart}'"))
            .ShouldBe(await app.Database.ScalarAsync<int>("SELECT max(version) FROM form_versions WHERE key = 'brand-institution.application'"));
        (await app.Database.ScalarAsync<int>($"SELECT form_version FROM applications WHERE id = '{pinned}'")).ShouldBe(first);
        (await app.Database.ScalarAsync<long>($"SELECT count(*) FROM audit_log WHERE event = 'round.form-pinned' AND object_id = 'brand-institution-2026-demo'")).ShouldBe(2);
    }

    public static TheoryData<string, string> SeedFormSections()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "modules"), "application.form.json", SearchOption.AllDirectories))
        {
            var form = JsonNode.Parse(File.ReadAllText(file))!;
            data.Add((string)form["key"]!, string.Join("|", form["sections"]!.AsArray().Where(s => (string?)s!["filledBy"] is null or "applicant").Select(s => (string)s!["title"]!)));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SeedFormSections))]
    public async Task Every_seed_form_renders_every_applicant_section_with_the_seeds_titles(string formKey, string titles)
    {
        // Rendered from an application created directly (eligibility is tested elsewhere), every variant shown.
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DbContext>();
        var form = (await scope.ServiceProvider.GetRequiredService<FormStore>().LatestAsync(formKey))!;
        var moduleId = formKey.Split('.')[0];
        // The program of the demo round (other tests add city copies of modules, without demo rounds).
        var program = await db.Set<Kernel.Programs.ProgramInstance>().FirstAsync(p =>
            (p.ModuleId == moduleId && !p.Slug.StartsWith("shenyang-") || p.Slug == "shenyang-info-outlet" && moduleId == "info-outlet")
            && db.Set<Kernel.Programs.Round>().Any(r => r.ProgramId == p.Id && r.Key.EndsWith("-demo")));
        var round = await db.Set<Kernel.Programs.Round>().FirstAsync(r => r.ProgramId == program.Id && r.Key.EndsWith("-demo"));
        var seen = new HashSet<string>();
        foreach (var variant in form.Definition.VariantList.Select(v => (string?)v.Key).DefaultIfEmpty(null))
        {
            // One organisation per variant: an application, once opened, has a review history that is never deleted.
            var client = await CertifiedEnterpriseAsync();
            var organisation = await db.Database.SqlQuery<Guid>($"SELECT organisation_id AS \"Value\" FROM users WHERE organisation_id IS NOT NULL ORDER BY created_at DESC LIMIT 1").FirstAsync();
            var application = new Application
            {
                Id = Guid.CreateVersion7(), RoundId = round.Id, ProgramId = program.Id, OrganisationId = organisation, FormKey = form.Key, FormVersion = form.Version,
                Variant = variant, Answers = JsonNode.Parse("""{ "joint": { "hasJoint": "true" } }""")!.AsObject(), CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
            };
            db.Add(application);
            await db.SaveChangesAsync();
            await scope.ServiceProvider.GetRequiredService<StartMissingInstances>().StartMissingInstancesAsync();
            var html = (await client.GetAsync($"/applications/{application.Id}")).Html;
            foreach (var title in titles.Split('|').Where(t => html.Contains($">{System.Net.WebUtility.HtmlEncode(t)}</h2>", StringComparison.Ordinal) || html.Contains($">{t}</h2>", StringComparison.Ordinal)))
            {
                seen.Add(title);
            }
        }

        titles.Split('|').Where(t => !seen.Contains(t)).ShouldBeEmpty();
    }
}
