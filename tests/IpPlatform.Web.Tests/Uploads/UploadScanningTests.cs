using System.Net;
using System.Security.Cryptography;
using IpPlatform.Kernel.Files;
using Microsoft.AspNetCore.Hosting;

namespace IpPlatform.Web.Tests.Uploads;

/// <summary>
/// With <c>Uploads:ClamAv</c> configured, every upload goes through clamd (the one ./ipp test starts, knowing the EICAR
/// test signature) before the file store keeps it: a second app on the assembly's database, with a data directory of
/// its own, configured for the scanner; the forms are the certification page's, as the applicant submits them.
/// </summary>
public sealed class UploadScanningTests(WebFixture app)
{
    [Fact]
    public async Task A_clean_upload_is_scanned_and_stored()
    {
        await using var scanning = await ScanningApp.StartAsync(app.Database, Clamd.Address.Host, Clamd.Address.Port);
        var (client, code, _) = await Registration.RegisterAsync(scanning);

        var response = await client.SubmitAsync("/org/certification", "提交认证", files: [("licence", "营业执照.pdf", TestData.Pdf), ("identityDocument", "身份证.png", TestData.Png)]);

        response.Status.ShouldBe(HttpStatusCode.Redirect, Chains.Problems(response.Html));
        (await app.Database.ScalarAsync<string>($"SELECT o.certification FROM organisations o WHERE o.credit_code = '{code}'")).ShouldBe("Pending");
        var licence = Sha256(TestData.Pdf);
        (await app.Database.ScalarAsync<long>($"SELECT count(*) FROM certification_requests r JOIN organisations o ON o.id = r.organisation_id JOIN stored_files f ON f.id = r.licence_file_id WHERE o.credit_code = '{code}' AND f.sha256 = '{licence}'")).ShouldBe(1);
        File.Exists(scanning.StoredPath(licence)).ShouldBeTrue();
    }

    [Fact]
    public async Task An_infected_upload_is_refused_by_file_and_signature_audited_and_not_stored_and_the_form_keeps_what_was_typed()
    {
        await using var scanning = await ScanningApp.StartAsync(app.Database, Clamd.Address.Host, Clamd.Address.Port);
        var (client, organisation, email) = await Chains.OrganisationAsync(scanning);
        var infected = Clamd.InfectedPdf;

        var response = await client.SubmitAsync("/org/certification", "提交更名认证", [new("NewName", "沈阳更名测试科技有限公司")],
            [("licence", "新营业执照.pdf", infected), ("identityDocument", "身份证.png", TestData.Png)]);

        response.Status.ShouldBe(HttpStatusCode.OK);
        var problems = Chains.Problems(response.Html);
        problems.ShouldContain("文件“新营业执照.pdf”中检测到病毒（" + Clamd.Signature);
        problems.ShouldContain("已拒绝接收，文件未保存");
        response.Html.ShouldContain("value=\"沈阳更名测试科技有限公司\"");
        (await app.Database.ScalarAsync<long>($"SELECT count(*) FROM certification_requests WHERE organisation_id = '{organisation}'")).ShouldBe(0);
        var sha = Sha256(infected);
        (await app.Database.ScalarAsync<long>($"SELECT count(*) FROM stored_files WHERE sha256 = '{sha}'")).ShouldBe(0);
        File.Exists(scanning.StoredPath(sha)).ShouldBeFalse();
        var audit = $"FROM audit_log WHERE event = 'upload.infected' AND actor_name = '{email}' AND details->>'sha256' = '{sha}'";
        (await app.Database.ScalarAsync<string>($"SELECT outcome {audit}")).ShouldBe("Denied");
        (await app.Database.ScalarAsync<string>($"SELECT details->>'file' {audit}")).ShouldBe("新营业执照.pdf");
        (await app.Database.ScalarAsync<string>($"SELECT details->>'signature' {audit}")).ShouldStartWith(Clamd.Signature);
    }

    [Fact]
    public async Task An_infected_notice_annex_is_refused_and_the_annex_title_typed_is_kept()
    {
        await using var scanning = await ScanningApp.StartAsync(app.Database, Clamd.Address.Host, Clamd.Address.Port);
        var editor = await scanning.SignedInAsync("editor.province@example.com");
        var created = await editor.PostAsync("/editor/notices/new",
        [
            new("Owner", "210000"), new("BasedOn", "0"), new("Fields[title]", "附件扫描测试"), new("Fields[issuer]", "辽宁省知识产权局"), new("Fields[body]", "正文"),
        ], "/editor/notices/new/Save");
        var notice = created.Location!.Split('?')[0];

        var response = await editor.SubmitAsync(notice, "上传", [new("annexTitle", "附件1 申报书模板")], [("annexFile", "申报书模板.pdf", Clamd.InfectedPdf)]);

        response.Status.ShouldBe(HttpStatusCode.OK);
        Chains.Problems(response.Html).ShouldContain("文件“申报书模板.pdf”中检测到病毒（" + Clamd.Signature);
        response.Html.ShouldContain("value=\"附件1 申报书模板\"");
        (await app.Database.ScalarAsync<long>($"SELECT count(*) FROM stored_files WHERE sha256 = '{Sha256(Clamd.InfectedPdf)}'")).ShouldBe(0);
        (await app.Database.ScalarAsync<long>($"SELECT count(*) FROM audit_log WHERE event = 'upload.infected' AND actor_name = 'editor.province@example.com' AND details->>'file' = '申报书模板.pdf'")).ShouldBe(1);
    }

    [Fact]
    public async Task When_the_scanner_is_configured_but_down_uploads_are_refused_and_nothing_is_stored()
    {
        await using var scanning = await ScanningApp.StartAsync(app.Database, "127.0.0.1", Clamd.DeadPort());
        var (client, code, email) = await Registration.RegisterAsync(scanning);
        var licence = "%PDF-1.4\n% 未经扫描的营业执照 "u8.ToArray().Concat(Guid.NewGuid().ToByteArray()).ToArray();

        var response = await client.SubmitAsync("/org/certification", "提交认证", files: [("licence", "营业执照.pdf", licence), ("identityDocument", "身份证.png", TestData.Png)]);

        response.Status.ShouldBe(HttpStatusCode.OK);
        var problems = Chains.Problems(response.Html);
        problems.ShouldContain("病毒扫描服务暂时不可用，文件“营业执照.pdf”未能完成病毒扫描");
        problems.ShouldContain("文件“身份证.png”未能完成病毒扫描");
        (await app.Database.ScalarAsync<string>($"SELECT certification FROM organisations WHERE credit_code = '{code}'")).ShouldBe("NotSubmitted");
        (await app.Database.ScalarAsync<long>($"SELECT count(*) FROM stored_files WHERE sha256 = '{Sha256(licence)}'")).ShouldBe(0);
        File.Exists(scanning.StoredPath(Sha256(licence))).ShouldBeFalse();
        File.Exists(scanning.StoredPath(Sha256(TestData.Png))).ShouldBeFalse();
        (await app.Database.ScalarAsync<long>($"SELECT count(*) FROM audit_log WHERE event = 'upload.scan-failed' AND actor_name = '{email}'")).ShouldBe(2);
    }

    private static string Sha256(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>The platform on an existing database, scanning uploads with clamd at host:port; its data directory is its own.</summary>
    private sealed class ScanningApp(TestDatabase database, string host, int port)
        : PlatformFactory(database, Path.Combine(Path.GetTempPath(), "ipp-test-" + Guid.NewGuid().ToString("N")[..12]))
    {
        public static async Task<ScanningApp> StartAsync(TestDatabase database, string host, int port)
        {
            var app = new ScanningApp(database, host, port);
            await app.InitializeAsync();
            return app;
        }

        public string StoredPath(string sha256) => Path.Combine(DataDirectory, "files", sha256[..2], sha256[2..4], sha256);

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting($"{ClamAvOptions.Section}:Host", host);
            builder.UseSetting($"{ClamAvOptions.Section}:Port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            if (Directory.Exists(DataDirectory))
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
        }
    }
}
