using Shouldly;
using System.Net;

namespace IpPlatform.Testing;

/// <summary>
/// Awards made the way they are made in production (every decision on the reviewers' pages), the clock moved by
/// shifting an award's dates into the past, and obligations filed and decided through the pages people use.
/// </summary>
public static class Lifecycle
{
    public const string Expert = "expert.province@example.com";

    /// <summary>A seed 004 application through city, province, experts' stage, 公示 and its end: 已认定, with its award.</summary>
    public static async Task<(FormClient Applicant, Guid Application, Guid Award, string Email)> Awarded004Async(PlatformFactory app)
    {
        var (applicant, id, email) = await Chains.Submitted004Async(app);
        var shenyang = await app.SignedInAsync(Chains.Shenyang);
        await OkAsync(Chains.ActAsync(shenyang, id, "pass", [("opinion", "材料初审合格，同意推荐")]), id);
        var province = await app.SignedInAsync(Chains.Province);
        await OkAsync(Chains.ActAsync(province, id, "forward", [("opinion", "复核通过")]), id);
        await OkAsync(Chains.ActAsync(province, id, "select", [("opinion", "按评审得分择优认定")]), id);
        await PublicizeAndEndAsync(app, province, "high-value-patent-2026-demo", id, "辽宁省高价值专利培育中心拟认定名单公示");
        (await Chains.StateAsync(app, id)).ShouldBe("approved");
        return (applicant, id, await app.Database.ScalarAsync<Guid>($"SELECT id FROM awards WHERE application_id = '{id}'"), email);
    }

    /// <summary>A seed 002 outlet (和平区) through district, city, 公示 and its end: 已备案, with its award.</summary>
    public static async Task<(FormClient Applicant, Guid Application, Guid Award, string Email)> FiledOutletAsync(PlatformFactory app, int fullTimeStaff = 5)
    {
        var (applicant, organisation, email) = await Chains.OrganisationAsync(app, district: "210102", type: "SocialOrganisation");
        var id = await Chains.SubmittedDirectlyAsync(app, "shenyang-info-outlet-2026-demo", organisation, new System.Text.Json.Nodes.JsonObject
        {
            ["basic"] = new System.Text.Json.Nodes.JsonObject
            {
                ["name"] = "沈阳示例信息服务网点" + Guid.NewGuid().ToString("N")[..4], ["nature"] = "社会组织", ["address"] = "沈阳市和平区示例路1号", ["head"] = "张三 主任",
                ["contact"] = "李四", ["contactPhone"] = "024-00000000", ["serviceTargets"] = "创新主体和社会公众", ["serviceItems"] = "专利检索；信息咨询",
            },
            ["team"] = new System.Text.Json.Nodes.JsonObject { ["fullTimeStaff"] = fullTimeStaff },
        });
        var heping = await app.SignedInAsync(Chains.Heping);
        await OkAsync(Chains.ActAsync(heping, id, "recommend", [("a.recommendation.opinion", "资源充足，同意推荐"), ("a.recommendation.head", "张三"), ("a.recommendation.date", Chains.Today)]), id);
        var shenyang = await app.SignedInAsync(Chains.Shenyang);
        await OkAsync(Chains.ActAsync(shenyang, id, "approve",
            [("a.filing.decision", "准予备案"), ("a.filing.handler", "李四"), ("a.filing.head", "王五"), ("a.filing.date", Chains.Today)]), id);
        await PublicizeAndEndAsync(app, shenyang, "shenyang-info-outlet-2026-demo", id, "沈阳市知识产权信息公共服务网点拟备案名单公示");
        (await Chains.StateAsync(app, id)).ShouldBe("filed");
        return (applicant, id, await app.Database.ScalarAsync<Guid>($"SELECT id FROM awards WHERE application_id = '{id}'"), email);
    }

    /// <summary>
    /// A seed 001 zone (a Shenyang development-zone committee, or of <paramref name="city"/> for a city's own copy) through
    /// the city's recommendation, the province's assessment and party review, 公示 and its end, to 发文同意设立 on
    /// <paramref name="decisionDate"/> (default today): with its award.
    /// </summary>
    public static async Task<(FormClient Applicant, Guid Application, Guid Award, string Email)> Established001Async(
        PlatformFactory app, string round = "service-cluster-2026-demo", string? decisionDate = null, string city = "210100", string owner = Chains.Province,
        string recommender = Chains.Shenyang)
    {
        var (applicant, organisation, email) = await Chains.OrganisationAsync(app, district: city == "210100" ? "210106" : "", type: "DevelopmentZoneCommittee", city: city,
            name: $"示例高新技术产业开发区管理委员会{Guid.NewGuid():N}"[..20]);
        var id = await Chains.SubmittedDirectlyAsync(app, round, organisation, new System.Text.Json.Nodes.JsonObject
        {
            ["basic"] = new System.Text.Json.Nodes.JsonObject { ["address"] = "示例高新区知识产权服务大厦", ["coreArea"] = "1200" },
        });
        var cityReviewer = await app.SignedInAsync(recommender);
        await OkAsync(Chains.ActAsync(cityReviewer, id, "recommend", [("a.cityReview.opinion", "同意推荐"), ("a.cityReview.date", Chains.Today)],
            [("recommend.letter", "推荐函.pdf", TestData.Pdf)]), id);
        var province = await app.SignedInAsync(owner);
        await OkAsync(Chains.ActAsync(province, id, "assess", [("opinion", "书面审查通过")]), id);
        await OkAsync(Chains.ActAsync(province, id, "approve", [("opinion", "党组会审议通过")]), id);
        await PublicizeAndEndAsync(app, province, round, id, "集聚区拟设立名单公示");
        (await Chains.StateAsync(app, id)).ShouldBe("awaitingDocument");
        await OkAsync(Chains.ActAsync(province, id, "establish", [("decisionDate", decisionDate ?? Chains.Today), ("documentNumber", "辽知发〔2026〕21号")]), id);
        (await Chains.StateAsync(app, id)).ShouldBe("established");
        return (applicant, id, await app.Database.ScalarAsync<Guid>($"SELECT id FROM awards WHERE application_id = '{id}'"), email);
    }

    /// <summary>
    /// A seed 003 platform (a technology exchange meeting every minimum) through the city's recommendation to the province's
    /// 立项 with its 受理号 and <paramref name="funds"/> 万元: with its award.
    /// </summary>
    public static async Task<(FormClient Applicant, Guid Application, Guid Award, string Email)> Approved003Async(
        PlatformFactory app, string round = "operation-platform-2026-demo", string funds = "100")
    {
        var (applicant, organisation, email) = await Chains.OrganisationAsync(app, type: "TechnologyExchange", name: $"辽宁示例技术产权交易中心{Guid.NewGuid():N}"[..18]);
        var id = await Chains.SubmittedDirectlyAsync(app, round, organisation, new System.Text.Json.Nodes.JsonObject
        {
            ["foundation"] = new System.Text.Json.Nodes.JsonObject { ["servedFirms"] = "350", ["serviceAgencies"] = "35" },
        });
        await OkAsync(Chains.ActAsync(await app.SignedInAsync(Chains.Shenyang), id, "recommend",
            [("a.recommendation.opinion", "true"), ("a.recommendation.date", Chains.Today), ("opinion", "同意推荐")]), id);
        await OkAsync(Chains.ActAsync(await app.SignedInAsync(Chains.Province), id, "approve",
            [("a.acceptance.acceptanceNo", "LN-ZHZX-2026-" + id.ToString("N")[..4]), ("funds", funds), ("opinion", "评审通过，予以立项")]), id);
        (await Chains.StateAsync(app, id)).ShouldBe("approved");
        return (applicant, id, await app.Database.ScalarAsync<Guid>($"SELECT id FROM awards WHERE application_id = '{id}'"), email);
    }

    /// <summary>
    /// A seed 000 institution (a Shenyang IP service agency) through the city's 推荐意见, the province's review, the experts'
    /// stage, 公示 and its end: 确定为培育机构, with its award.
    /// </summary>
    public static async Task<(FormClient Applicant, Guid Application, Guid Award, string Email)> Cultivated000Async(PlatformFactory app, string round = "brand-institution-2026-demo")
    {
        var (applicant, organisation, email) = await Chains.OrganisationAsync(app, type: "IpServiceAgency", name: $"沈阳示例知识产权代理有限公司{Guid.NewGuid():N}"[..20]);
        var id = await Chains.SubmittedDirectlyAsync(app, round, organisation);
        await OkAsync(Chains.ActAsync(await app.SignedInAsync(Chains.Shenyang), id, "recommend",
            [("a.recommendation.opinion", "该机构服务能力突出，同意推荐。"), ("a.recommendation.recommendationDate", Chains.Today)]), id);
        var province = await app.SignedInAsync(Chains.Province);
        await OkAsync(Chains.ActAsync(province, id, "forward", [("opinion", "审核通过")]), id);
        await OkAsync(Chains.ActAsync(province, id, "select", [("opinion", "经专家评审，拟确定为培育机构")]), id);
        await PublicizeAndEndAsync(app, province, round, id, "知识产权服务品牌培育机构拟确定名单公示");
        (await Chains.StateAsync(app, id)).ShouldBe("approved");
        return (applicant, id, await app.Database.ScalarAsync<Guid>($"SELECT id FROM awards WHERE application_id = '{id}'"), email);
    }

    /// <summary>A 公示 of the application from today, created with the form of the 公示 page, whose last day then passes.</summary>
    public static async Task PublicizeAndEndAsync(PlatformFactory app, FormClient reviewer, string round, Guid id, string title)
    {
        var created = await reviewer.SubmitAsync($"/review/publicity?round={round}", "发布公示",
            [new("Applications", id.ToString()), new("Title", title), new("StartDate", Chains.Today)]);
        created.Status.ShouldBe(HttpStatusCode.Redirect, Chains.Problems(created.Html));
        var publicity = Guid.Parse(created.Location!.Split('/')[3]);
        await app.Database.ScalarAsync<int>($"UPDATE public_notices SET start_date = start_date - 30, end_date = current_date - 1 WHERE id = '{publicity}'");
        (await Chains.RunTimersAsync(app)).Published.ShouldBeGreaterThanOrEqualTo(1);
    }

    /// <summary>
    /// The clock moves <paramref name="days"/> days on for one award: its dates, its obligations' dates and their timers
    /// move that far into the past (so the timer job sees what it would see then).
    /// </summary>
    public static async Task AgeAsync(PlatformFactory app, Guid award, int days)
    {
        await app.Database.ScalarAsync<int>($"UPDATE awards SET start_date = start_date - {days}, end_date = end_date - {days} WHERE id = '{award}'");
        await app.Database.ScalarAsync<int>($"UPDATE applications SET opens_on = opens_on - {days}, due_on = due_on - {days} WHERE award_id = '{award}'");
        await app.Database.ScalarAsync<int>($"""
            UPDATE workflow_instances SET deadline = deadline - {days}, due_at = due_at - interval '{days} days', remind_at = remind_at - interval '{days} days'
            WHERE subject_id IN (SELECT id FROM applications WHERE award_id = '{award}')
            """);
        // Bans are append-only; moving the clock is the one thing allowed to shift them.
        await app.Database.ScalarAsync<int>($"""
            ALTER TABLE bans DISABLE TRIGGER bans_append_only;
            UPDATE bans SET starts_on = starts_on - {days}, ends_on = ends_on - {days} WHERE award_id = '{award}';
            ALTER TABLE bans ENABLE TRIGGER bans_append_only;
            """);
    }

    /// <summary>The occurrence of <paramref name="obligation"/> (the latest opened) of an award.</summary>
    public static Task<Guid> FilingAsync(PlatformFactory app, Guid award, string obligation) =>
        app.Database.ScalarAsync<Guid>($"SELECT id FROM applications WHERE award_id = '{award}' AND obligation_key = '{obligation}' ORDER BY created_at DESC LIMIT 1");

    public static Task<string> StateAsync(PlatformFactory app, Guid filing) => Chains.StateAsync(app, filing);

    public static Task<string> StatusAsync(PlatformFactory app, Guid award) => app.Database.ScalarAsync<string>($"SELECT status FROM awards WHERE id = '{award}'")!;

    /// <summary>
    /// The awardee fills the filing's form as a person would (every field, <paramref name="answers"/> in place of the
    /// defaults, each attachment uploaded) and presses 报送 (or 补正后重新提交).
    /// </summary>
    public static async Task<PageResponse> FileAsync(FormClient applicant, Guid filing, IEnumerable<KeyValuePair<string, string>>? answers = null, string button = "报送")
    {
        var page = $"/applications/{filing}";
        var html = (await applicant.GetAsync(page)).Html;
        foreach (var upload in RenderedForms.Parse(html, page).Where(f => f.Multipart && f.Submits.Any(b => b.Label == "上传")))
        {
            var slot = upload.Fields.First(f => f.Key == "slot").Value;
            (await applicant.SubmitAsync(page, "上传", [], [("file", $"{slot}.pdf", TestData.Pdf)], within: $"id=\"upload-{slot}\"")).Status.ShouldBe(HttpStatusCode.Redirect);
        }

        var given = (answers ?? []).ToList();
        var fields = Chains.CompleteForm((await applicant.GetAsync(page)).Html).Where(f => given.All(g => g.Key != f.Key)).Concat(given).ToList();
        return await applicant.SubmitAsync(page, button, fields, within: "id=\"application-form\"");
    }

    /// <summary>The province assigns the demo expert, who declares no conflict and submits a sheet totalling <paramref name="total"/>.</summary>
    public static async Task ScoreAsync(PlatformFactory app, Guid filing, int total)
    {
        var province = await app.SignedInAsync(Chains.Province);
        var expertId = await app.Database.ScalarAsync<Guid>($"SELECT id FROM users WHERE email = '{Expert}'");
        (await province.SubmitAsync($"/review/{filing}", "分配所选专家", [new("experts", expertId.ToString())])).Status.ShouldBe(HttpStatusCode.Redirect);
        var assignment = await app.Database.ScalarAsync<Guid>($"SELECT id FROM expert_assignments WHERE application_id = '{filing}' AND expert_id = '{expertId}'");
        var expert = await app.SignedInAsync(Expert);
        (await expert.SubmitAsync($"/expert/{assignment}", "声明无利益冲突，开始评审")).Status.ShouldBe(HttpStatusCode.Redirect);
        var kpi = total / 2;
        var rest = total - kpi;
        var items = new[] { "mechanism", "analysis", "quality", "transfer", "demonstration" };
        var fields = new List<KeyValuePair<string, string>> { new("score.kpi", kpi.ToString()) };
        fields.AddRange(items.Select((item, i) => KeyValuePair.Create($"score.{item}", (rest / 5 + (i < rest % 5 ? 1 : 0)).ToString())));
        var scored = await expert.SubmitAsync($"/expert/{assignment}", "提交评分（提交后不能修改）", fields);
        scored.Status.ShouldBe(HttpStatusCode.Redirect, Chains.Problems(scored.Html));
        (await app.Database.ScalarAsync<decimal>($"SELECT total FROM expert_assignments WHERE id = '{assignment}'")).ShouldBe(total);
    }

    public static async Task OkAsync(Task<PageResponse> acting, Guid id)
    {
        var response = await acting;
        response.RedirectsTo($"/review/{id}").ShouldBeTrue(Chains.Problems(response.Html));
    }
}
