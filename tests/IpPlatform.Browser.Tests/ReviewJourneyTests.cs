using IpPlatform.Testing;
using Microsoft.Playwright;

namespace IpPlatform.Browser.Tests;

/// <summary>Seed 004 in two browsers: the city returns it with a list of corrections, the applicant corrects and resubmits, the city passes it.</summary>
public sealed class ReviewJourneyTests(BrowserFixture app)
{
    [Fact]
    public async Task The_city_returns_the_applicant_corrects_and_resubmits_and_the_city_passes_it()
    {
        // The applicant (大连, certified) fills and submits 表1 with its materials.
        await using var applicantBrowser = await app.NewPageAsync();
        var (applicant, applicantErrors) = applicantBrowser;
        await Steps.SignInAsync(applicant, "ocean.admin@example.com");
        await applicant.GotoAsync("/apply/high-value-patent-2026-demo");
        await applicant.GetByRole(AriaRole.Button, new() { Name = "开始填写申报书" }).ClickAsync();
        await Steps.FillEveryFieldAsync(applicant);
        await applicant.GetByRole(AriaRole.Button, new() { Name = "保存草稿" }).ClickAsync();
        await applicant.GetByText("已保存").First.WaitForAsync();
        var uploads = applicant.Locator("form[action$='/Attach']");
        for (var i = 0; i < await uploads.CountAsync(); i++)
        {
            await uploads.Nth(i).Locator("input[type=file]").SetInputFilesAsync(new FilePayload { Name = $"材料{i + 1}.pdf", MimeType = "application/pdf", Buffer = TestData.Pdf });
            await uploads.Nth(i).GetByRole(AriaRole.Button, new() { Name = "上传", Exact = true }).ClickAsync();
            await applicant.GetByText($"已上传“材料{i + 1}.pdf”").WaitForAsync();
        }

        await applicant.GetByRole(AriaRole.Button, new() { Name = "提交申报书" }).ClickAsync();
        await applicant.GetByText("申报书已提交").WaitForAsync();
        var application = applicant.Url;

        // The 大连 city reviewer finds it waiting and returns it with two items and a deadline.
        await using var reviewerBrowser = await app.NewPageAsync();
        var (reviewer, reviewerErrors) = reviewerBrowser;
        await Steps.SignInAsync(reviewer, "reviewer.dalian@example.com");
        await reviewer.GotoAsync("/review");
        await reviewer.GetByRole(AriaRole.Link, new() { Name = "大连示例海洋科技有限公司" }).ClickAsync();
        await reviewer.Locator("#review-state").GetByText("待市级初审").WaitForAsync();
        await reviewer.Locator("#action-return summary").ClickAsync();
        await reviewer.GetByLabel("需补正的事项（一次告知，每行一项）").FillAsync("补充近三年研发投入证明\n更正联系人电话");
        await reviewer.GetByLabel("退回理由").FillAsync("部分材料不完整");
        (await reviewer.GetByLabel("补正截止日期").InputValueAsync()).ShouldNotBeNullOrEmpty("pre-filled 5 working days ahead");
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "确认：退回补正" }).ClickAsync();
        await reviewer.GetByText("已退回补正").WaitForAsync();
        await reviewer.Locator("#review-state").GetByText("退回补正").WaitForAsync();

        // The applicant sees the list, corrects a field and resubmits the same application.
        await applicant.GotoAsync(application);
        await applicant.GetByText("申报书被退回补正").WaitForAsync();
        await applicant.Locator("#return-notice").GetByText("更正联系人电话").WaitForAsync();
        await BrowserFixture.ScreenshotAsync(applicant, "application-returned");
        await applicant.Locator("#application-form textarea").First.FillAsync("补正后的内容：已补充近三年研发投入证明");
        await applicant.GetByRole(AriaRole.Button, new() { Name = "补正后重新提交" }).ClickAsync();
        await applicant.GetByText("申报书已提交").WaitForAsync();
        await applicant.Locator("#application-status").GetByText("待市级初审").WaitForAsync();

        // The reviewer sees the resubmission in the history and passes it with the seed's opinion.
        await reviewer.ReloadAsync();
        await reviewer.Locator("#timeline").GetByText("补正后重新提交").WaitForAsync();
        await reviewer.Locator("#action-pass summary").ClickAsync();
        (await reviewer.GetByLabel("初审意见").InputValueAsync()).ShouldBe("材料初审合格，同意推荐");
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "确认：通过，推荐至省局" }).ClickAsync();
        await reviewer.Locator("#review-state").GetByText("待省级复核").WaitForAsync();
        await BrowserFixture.ScreenshotAsync(reviewer, "review-passed");

        await applicant.GotoAsync("/inbox");
        await applicant.GetByText("申报通过市级初审").First.WaitForAsync();
        await applicant.GotoAsync(application);
        (await applicant.Locator("#timeline").InnerTextAsync()).ShouldContain("材料初审合格，同意推荐");
        applicantErrors.ShouldBeEmpty();
        reviewerErrors.ShouldBeEmpty();
    }
}
