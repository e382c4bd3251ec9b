using System.Net;
using IpPlatform.Kernel.Recipes;
using IpPlatform.Testing;

namespace IpPlatform.Web.Tests.Accounts;

public sealed class CertificationTests(WebFixture app)
{
    private async Task<(FormClient Applicant, Guid Request, string Code)> SubmittedAsync()
    {
        var (client, code, _) = await Registration.RegisterAsync(app);
        (await Registration.SubmitCertificationAsync(client)).RedirectsTo("/org/certification").ShouldBeTrue();
        var request = await app.Database.ScalarAsync<Guid>(
            $"SELECT r.id FROM certification_requests r JOIN organisations o ON o.id = r.organisation_id WHERE o.credit_code = '{code}'");
        return (client, request, code);
    }

    [Fact]
    public async Task The_city_approves_and_the_applicant_sees_it()
    {
        var (applicant, request, code) = await SubmittedAsync();
        (await applicant.GetAsync("/org")).Html.ShouldContain("认证审核中");
        var reviewer = await app.SignedInAsync("reviewer.shenyang@example.com");

        (await reviewer.GetAsync("/staff/certifications")).Html.ShouldContain(code);
        var approved = await reviewer.PostAsync($"/staff/certifications/{request}", [], $"/staff/certifications/{request}/Approve");

        approved.RedirectsTo("/staff/certifications").ShouldBeTrue();
        (await applicant.GetAsync("/org")).Html.ShouldContain("已认证");
        (await app.Database.ScalarAsync<long>($"SELECT count(*) FROM audit_log WHERE event = 'organisation.certified' AND details->>'request' = '{request}'")).ShouldBe(1);
    }

    [Fact]
    public async Task A_rejection_needs_a_reason_which_the_applicant_sees_and_can_resubmit_after()
    {
        var (applicant, request, _) = await SubmittedAsync();
        var reviewer = await app.SignedInAsync("reviewer.shenyang@example.com");

        var noReason = await reviewer.PostAsync($"/staff/certifications/{request}", [new("Reason", " ")], $"/staff/certifications/{request}/Reject");
        noReason.Html.ShouldContain("请填写不通过的理由");

        await reviewer.PostAsync($"/staff/certifications/{request}", [new("Reason", "营业执照扫描件不清晰，请重新上传")], $"/staff/certifications/{request}/Reject");

        var org = await applicant.GetAsync("/org");
        org.Html.ShouldContain("认证未通过");
        org.Html.ShouldContain("营业执照扫描件不清晰，请重新上传");
        (await Registration.SubmitCertificationAsync(applicant)).RedirectsTo("/org/certification").ShouldBeTrue();
        (await applicant.GetAsync("/org")).Html.ShouldContain("认证审核中");
    }

    [Fact]
    public async Task Another_citys_reviewer_cannot_see_or_decide_the_request()
    {
        var (_, request, code) = await SubmittedAsync();
        var dalian = await app.SignedInAsync("reviewer.dalian@example.com");

        (await dalian.GetAsync("/staff/certifications")).Html.ShouldNotContain(code);
        (await dalian.GetAsync($"/staff/certifications/{request}")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await dalian.PostAsync("/staff/certifications", [], $"/staff/certifications/{request}/Approve")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await dalian.GetAsync($"/staff/certifications/{request}/document?kind=IdentityDocument")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await app.Database.ScalarAsync<string>($"SELECT certification FROM organisations WHERE credit_code = '{code}'")).ShouldBe("Pending");
    }

    [Fact]
    public async Task Documents_a_recipe_submits_from_beside_it_reach_the_reviewer_byte_for_byte()
    {
        // A scanned PDF carries binary streams: bytes that are not UTF-8 and must not be read as text on the way in.
        byte[] scan = [.. "%PDF-1.4\n%"u8, 0xE2, 0xE3, 0xCF, 0xD3, .. "\n1 0 obj<</Type/Catalog>>endobj\nstream\n"u8, 0x00, 0x80, 0xFF, 0xC3, 0x28, 0xA0, .. "\nendstream\ntrailer<</Root 1 0 R>>\n%%EOF\n"u8];
        var code = TestData.NewCreditCode();
        var email = $"scan.{code}@example.com";
        var folder = Directory.CreateTempSubdirectory("ipp-recipe-");
        try
        {
            await File.WriteAllBytesAsync(Path.Combine(folder.FullName, "licence-scan.pdf"), scan);
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "org.recipe.json"), $$"""
                { "name": "scanned-documents", "steps": [ { "step": "organisations", "organisations": [ {
                  "creditCode": "{{code}}", "name": "扫描件测试有限公司{{code[^6..]}}", "type": "enterprise", "city": "210100", "district": "210102",
                  "address": "沈阳市和平区示例路1号", "legalRepresentative": "张三", "establishedOn": "2020-01-01", "staffCount": 10,
                  "contactPerson": "李四", "contactMobile": "13900000000", "contactEmail": "{{email}}",
                  "admin": { "name": "扫描件管理员", "email": "{{email}}", "password": "Scan#2026lnip" },
                  "certified": false,
                  "certificationSubmitted": { "licence": "licence-scan.pdf", "identityDocument": "licence-scan.pdf" } } ] } ] }
                """);
            (await app.RunRecipeAsync(await RecipeSource.FromFileAsync(Path.Combine(folder.FullName, "org.recipe.json")))).Changes.ShouldBeGreaterThan(0);
        }
        finally
        {
            folder.Delete(recursive: true);
        }

        var request = await app.Database.ScalarAsync<Guid>(
            $"SELECT r.id FROM certification_requests r JOIN organisations o ON o.id = r.organisation_id WHERE o.credit_code = '{code}'");
        var reviewer = await app.SignedInAsync("reviewer.shenyang@example.com");
        var page = await reviewer.GetAsync($"/staff/certifications/{request}");
        var link = System.Text.RegularExpressions.Regex.Match(page.Html, "href=\"([^\"]*document\\?kind=Licence)\"").Groups[1].Value;
        link.ShouldNotBeEmpty();

        var document = await reviewer.Http.GetAsync(System.Net.WebUtility.HtmlDecode(link));

        document.StatusCode.ShouldBe(HttpStatusCode.OK);
        document.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        (await document.Content.ReadAsByteArrayAsync()).ShouldBe(scan);
    }

    [Fact]
    public async Task Opening_the_identity_document_is_for_certifying_staff_only_and_is_audited()
    {
        var (applicant, request, _) = await SubmittedAsync();
        var reviewer = await app.SignedInAsync("reviewer.shenyang@example.com");

        var document = await reviewer.Http.GetAsync($"/staff/certifications/{request}/document?kind=IdentityDocument");

        document.StatusCode.ShouldBe(HttpStatusCode.OK);
        document.Content.Headers.ContentType!.MediaType.ShouldBe("image/png");
        (await document.Content.ReadAsByteArrayAsync()).ShouldBe(TestData.Png);
        document.Headers.CacheControl!.NoStore.ShouldBeTrue();
        (await app.Database.ScalarAsync<long>(
            $"SELECT count(*) FROM audit_log WHERE event = 'organisation.identity-document-opened' AND details->>'request' = '{request}' AND actor_name = 'reviewer.shenyang@example.com'"))
            .ShouldBe(1);
        (await applicant.GetAsync($"/staff/certifications/{request}/document?kind=IdentityDocument")).RedirectsTo("/account/access-denied").ShouldBeTrue();
        var expert = await app.SignedInAsync("expert.shenyang@example.com");
        (await expert.GetAsync($"/staff/certifications/{request}/document?kind=IdentityDocument")).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_file_that_only_pretends_to_be_a_pdf_is_refused_and_nothing_is_stored()
    {
        var (client, code, _) = await Registration.RegisterAsync(app);
        var files = await app.Database.ScalarAsync<long>("SELECT count(*) FROM stored_files");

        var response = await Registration.SubmitCertificationAsync(client, licence: TestData.NotReallyPdf);

        response.Status.ShouldBe(HttpStatusCode.OK);
        response.Html.ShouldContain("文件内容不是允许的类型");
        response.Html.ShouldContain("<a href=\"#Input_Licence\"");
        (await app.Database.ScalarAsync<long>("SELECT count(*) FROM stored_files")).ShouldBe(files);
        (await app.Database.ScalarAsync<string>($"SELECT certification FROM organisations WHERE credit_code = '{code}'")).ShouldBe("NotSubmitted");
    }

    [Fact]
    public async Task Only_a_certified_organisation_counts_as_certified()
    {
        var (client, code, _) = await Registration.RegisterAsync(app);

        (await app.Database.ScalarAsync<string>($"SELECT certification FROM organisations WHERE credit_code = '{code}'")).ShouldBe("NotSubmitted");
        (await client.GetAsync("/org")).Html.ShouldContain("完成单位认证后方可提交项目申报");
    }
}
