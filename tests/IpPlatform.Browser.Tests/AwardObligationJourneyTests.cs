using IpPlatform.Testing;
using Microsoft.Playwright;

namespace IpPlatform.Browser.Tests;

/// <summary>
/// What three programs oblige after their approval, done in the browser by the people who do it: a 集聚区 files its
/// 《建设方案》 through the city to the province (seed 001 art. 11); a 运营平台 brings its stage-check evidence and KPI
/// table to the province (seed 003); a city files its feedback on a 培育机构 (seed 000 三、工作要求 3).
/// </summary>
public sealed class AwardObligationJourneyTests(BrowserFixture app)
{
    private Task<string> OrganisationNameAsync(Guid award) => app.Database.ScalarAsync<string>($"SELECT organisation_name FROM awards WHERE id = '{award}'");

    [Fact]
    public async Task A_zone_files_its_construction_plan_the_city_forwards_it_and_the_province_confirms_it()
    {
        var (_, _, award, email) = await Lifecycle.Established001Async(app);
        var zone = await OrganisationNameAsync(award);

        await using var applicantBrowser = await app.NewPageAsync();
        var (applicant, applicantErrors) = applicantBrowser;
        await Steps.SignInAsync(applicant, email, Registration.Password);
        (await applicant.Locator("#awards").InnerTextAsync()).ShouldContain("建设中");
        await applicant.GetByRole(AriaRole.Link, new() { Name = "《建设方案》" }).ClickAsync();
        // The builder is the zone itself, as certified: filled by the platform, not typed.
        (await applicant.GetByRole(AriaRole.Textbox, new() { Name = "建设主体" }).InputValueAsync()).ShouldBe(zone);
        await FillAsync(applicant);
        await applicant.GetByRole(AriaRole.Textbox, new() { Name = "总体目标", Exact = true }).FillAsync("建成覆盖全市的知识产权服务集聚区，服务机构达到30家。");
        await UploadAllAsync(applicant);
        await applicant.GetByRole(AriaRole.Button, new() { Name = "报送", Exact = true }).ClickAsync();
        await applicant.GetByText("已报送，正在审核").WaitForAsync();
        (await applicant.Locator("#application-status").InnerTextAsync()).ShouldBe("待市级审核");

        await using var cityBrowser = await app.NewPageAsync();
        var (city, cityErrors) = cityBrowser;
        await Steps.SignInAsync(city, "reviewer.shenyang@example.com");
        await city.GotoAsync("/review?kind=Obligation");
        await city.GetByRole(AriaRole.Link, new() { Name = zone }).First.ClickAsync();
        (await city.Locator("main").InnerTextAsync()).ShouldContain("建成覆盖全市的知识产权服务集聚区");
        await city.Locator("#action-forward summary").ClickAsync();
        await city.GetByRole(AriaRole.Button, new() { Name = "确认：审核通过，报送省局" }).ClickAsync();
        (await city.Locator("#review-state").InnerTextAsync()).ShouldBe("待省级审核");

        await using var provinceBrowser = await app.NewPageAsync();
        var (province, provinceErrors) = provinceBrowser;
        await Steps.SignInAsync(province, "reviewer.province@example.com");
        await province.GotoAsync(city.Url);
        await province.Locator("#action-accept summary").ClickAsync();
        await province.GetByRole(AriaRole.Button, new() { Name = "确认：审核通过，《建设方案》确认" }).ClickAsync();
        (await province.Locator("#review-state").InnerTextAsync()).ShouldBe("已审核通过");
        await BrowserFixture.ScreenshotAsync(province, "construction-plan-confirmed");

        await applicant.GotoAsync("/org");
        (await applicant.Locator("#awards").InnerTextAsync()).ShouldContain("已审核通过");
        applicantErrors.ShouldBeEmpty();
        cityErrors.ShouldBeEmpty();
        provinceErrors.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_platform_files_its_stage_check_with_the_KPI_table_and_seven_kinds_of_evidence_and_the_province_sees_every_target_met()
    {
        var (_, _, award, email) = await Lifecycle.Approved003Async(app);
        await Lifecycle.AgeAsync(app, award, 300);
        var platform = await OrganisationNameAsync(award);

        await using var applicantBrowser = await app.NewPageAsync();
        var (applicant, applicantErrors) = applicantBrowser;
        await Steps.SignInAsync(applicant, email, Registration.Password);
        await applicant.GetByRole(AriaRole.Link, new() { Name = "阶段核查" }).ClickAsync();
        await FillAsync(applicant);
        // 任务书拟定数 and 截至核查时完成数 of each indicator, every minimum of 申报指南三 reached.
        int[] achieved = [20, 50, 10, 20, 50, 100, 2000, 6, 3000, 6, 3];
        for (var i = 0; i < achieved.Length; i++)
        {
            await applicant.Locator($"input[name='a.kpi.kpi.{i}.planned']").FillAsync((achieved[i] + 5).ToString());
            await applicant.Locator($"input[name='a.kpi.kpi.{i}.achieved']").FillAsync(achieved[i].ToString());
        }

        (await UploadAllAsync(applicant)).ShouldBe(7, "the seven kinds of evidence of the stage check");
        await applicant.GetByRole(AriaRole.Button, new() { Name = "报送", Exact = true }).ClickAsync();
        await applicant.GetByText("已报送，正在审核").WaitForAsync();

        await using var provinceBrowser = await app.NewPageAsync();
        var (province, provinceErrors) = provinceBrowser;
        await Steps.SignInAsync(province, "reviewer.province@example.com");
        await province.GotoAsync("/review?kind=Obligation");
        await province.GetByRole(AriaRole.Link, new() { Name = platform }).First.ClickAsync();
        (await province.Locator("main").InnerTextAsync()).ShouldContain("6 / 6 项达到申报指南三的最低要求");
        await province.Locator("#action-accept summary").ClickAsync();
        await province.GetByLabel("核查意见").FillAsync("各项指标均达到最低要求，阶段核查通过。");
        await province.GetByRole(AriaRole.Button, new() { Name = "确认：阶段核查通过" }).ClickAsync();
        (await province.Locator("#review-state").InnerTextAsync()).ShouldBe("阶段核查通过");
        await BrowserFixture.ScreenshotAsync(province, "stage-check-passed");
        app.MailTo(email, "阶段核查通过").ShouldNotBeEmpty();
        applicantErrors.ShouldBeEmpty();
        provinceErrors.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_city_files_its_feedback_on_a_cultivated_institution_and_the_province_reads_it()
    {
        var (_, _, award, email) = await Lifecycle.Cultivated000Async(app);
        await Lifecycle.AgeAsync(app, award, 366);
        var feedback = await app.Database.ScalarAsync<Guid>($"SELECT id FROM applications WHERE award_id = '{award}' AND obligation_key = 'feedback' ORDER BY due_on LIMIT 1");

        // The institution sees it owed, but by its city.
        await using var institutionBrowser = await app.NewPageAsync();
        var (institution, institutionErrors) = institutionBrowser;
        await Steps.SignInAsync(institution, email, Registration.Password);
        (await institution.Locator("#awards").InnerTextAsync()).ShouldContain("（由所在市报送）");

        await using var cityBrowser = await app.NewPageAsync();
        var (city, cityErrors) = cityBrowser;
        await Steps.SignInAsync(city, "reviewer.shenyang@example.com");
        await city.GotoAsync("/review?program=brand-institution&view=all");
        await city.Locator($"a[href='/review/{feedback}']").First.ClickAsync();
        await city.Locator("#action-file summary").ClickAsync();
        var form = city.Locator("#action-file");
        await form.GetByLabel("培育工作开展情况").FillAsync("组织培育机构参加知识产权服务万里行活动，开展服务能力培训2次。");
        await form.GetByLabel("培育机构发展情况").FillAsync("新增海外维权服务，服务企业120家。");
        await form.GetByLabel("存在问题及下一步安排").FillAsync("高端人才不足；下一步引进专利分析人才。");
        await form.GetByLabel("市局联系人").FillAsync("王五");
        await form.GetByLabel("联系电话").FillAsync("024-22222222");
        await form.GetByRole(AriaRole.Button, new() { Name = "确认：报送省局" }).ClickAsync();
        (await city.Locator("#review-state").InnerTextAsync()).ShouldBe("待省级审阅");

        await using var provinceBrowser = await app.NewPageAsync();
        var (province, provinceErrors) = provinceBrowser;
        await Steps.SignInAsync(province, "reviewer.province@example.com");
        await province.GotoAsync(city.Url);
        (await province.Locator("main").InnerTextAsync()).ShouldContain("新增海外维权服务，服务企业120家。");
        await province.Locator("#action-accept summary").ClickAsync();
        await province.GetByRole(AriaRole.Button, new() { Name = "确认：已审阅" }).ClickAsync();
        (await province.Locator("#review-state").InnerTextAsync()).ShouldBe("省局已审阅");
        await BrowserFixture.ScreenshotAsync(province, "cultivation-feedback-read");
        institutionErrors.ShouldBeEmpty();
        cityErrors.ShouldBeEmpty();
        provinceErrors.ShouldBeEmpty();
    }

    /// <summary>Types into every field a filer can type into, by the kind of input, and ticks every box.</summary>
    private static async Task FillAsync(IPage page)
    {
        var fields = page.Locator(Steps.Inputs);
        for (var i = 0; i < await fields.CountAsync(); i++)
        {
            var field = fields.Nth(i);
            var type = await field.GetAttributeAsync("type");
            var mode = await field.GetAttributeAsync("inputmode");
            await field.FillAsync(type switch
            {
                "date" => DateTime.UtcNow.AddHours(8).ToString("yyyy-MM-dd"),
                "month" => DateTime.UtcNow.AddHours(8).ToString("yyyy-MM"),
                _ when mode is "numeric" or "decimal" => "8",
                _ => "示例内容",
            });
        }

        var boxes = page.Locator("#application-form input[type=checkbox]");
        for (var i = 0; i < await boxes.CountAsync(); i++)
        {
            await boxes.Nth(i).CheckAsync();
        }
    }

    /// <summary>Uploads a PDF into every attachment slot the page offers; returns how many there were.</summary>
    private static async Task<int> UploadAllAsync(IPage page)
    {
        // What was typed is saved first: each upload is a form of its own and reloads the page.
        await page.GetByRole(AriaRole.Button, new() { Name = "保存草稿" }).ClickAsync();
        await page.GetByText("已保存").First.WaitForAsync();
        var uploads = page.Locator("form[action$='/Attach']");
        var slots = await uploads.CountAsync();
        for (var i = 0; i < slots; i++)
        {
            await uploads.Nth(i).Locator("input[type=file]").SetInputFilesAsync(new FilePayload { Name = $"证明材料{i + 1}.pdf", MimeType = "application/pdf", Buffer = TestData.Pdf });
            await uploads.Nth(i).GetByRole(AriaRole.Button, new() { Name = "上传", Exact = true }).ClickAsync();
            await page.GetByText($"已上传“证明材料{i + 1}.pdf”").WaitForAsync();
        }

        return slots;
    }
}
