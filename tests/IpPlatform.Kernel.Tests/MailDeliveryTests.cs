using System.Net;
using System.Net.Sockets;
using System.Text;
using IpPlatform.Kernel;
using IpPlatform.Kernel.Caching;
using IpPlatform.Kernel.Mail;
using IpPlatform.Kernel.Site;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MimeKit;

namespace IpPlatform.Kernel.Tests;

/// <summary>Mail leaves through MailKit: to an SMTP server when a host is set, else as a whole .eml file in the pickup folder.</summary>
public sealed class MailDeliveryTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("ipp-mail-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    private SmtpMailSender Sender(MailOptions options) => new(
        Options.Create(options), Options.Create(new PlatformDataOptions { DataDirectory = _data }),
        new SiteInfo(new ReferenceDataCache(new ServiceCollection().BuildServiceProvider().GetRequiredService<IServiceScopeFactory>(), TimeProvider.System)));

    [Fact]
    public async Task Without_a_host_a_mail_is_an_eml_file_in_the_pickup_folder_with_its_chinese_subject_and_text()
    {
        await Sender(new MailOptions { FromName = "辽宁省知识产权项目申报平台" }).SendAsync("a@example.com", "申报材料已退回修改", "请在5个工作日内修改后重新提交。", TestContext.Current.CancellationToken);

        var file = Directory.GetFiles(Path.Combine(_data, "mail")).ShouldHaveSingleItem();
        file.ShouldEndWith(".eml");
        using var mail = await MimeMessage.LoadAsync(file, TestContext.Current.CancellationToken);
        mail.Subject.ShouldBe("申报材料已退回修改");
        mail.TextBody.Trim().ShouldBe("请在5个工作日内修改后重新提交。");
        ((MailboxAddress)mail.From.Single()).Name.ShouldBe("辽宁省知识产权项目申报平台");
        mail.To.Mailboxes.Single().Address.ShouldBe("a@example.com");
    }

    [Fact]
    public async Task With_a_host_a_mail_is_sent_over_smtp_and_arrives_readable()
    {
        using var server = new TcpListener(IPAddress.Loopback, 0);
        server.Start();
        var received = ReceiveOneAsync(server);

        await Sender(new MailOptions { Host = "127.0.0.1", Port = ((IPEndPoint)server.LocalEndpoint).Port, EnableSsl = false, From = "noreply@ipp.test", FromName = "申报平台" })
            .SendAsync("wang@example.com", "公示期满：高价值专利培育中心", "公示期内无异议。", TestContext.Current.CancellationToken);

        var (recipients, data) = await received;
        recipients.ShouldBe(["wang@example.com"]);
        using var mail = MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(data)));
        mail.Subject.ShouldBe("公示期满：高价值专利培育中心");
        mail.TextBody.Trim().ShouldBe("公示期内无异议。");
        mail.From.Mailboxes.Single().Address.ShouldBe("noreply@ipp.test");
    }

    /// <summary>The smallest SMTP server that takes one mail (RFC 5321's commands, no extensions) and gives back what it got.</summary>
    private static async Task<(List<string> Recipients, string Data)> ReceiveOneAsync(TcpListener server)
    {
        using var client = await server.AcceptTcpClientAsync();
        await using var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.UTF8);
        await using var writer = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\r\n", AutoFlush = true };
        var recipients = new List<string>();
        var data = new StringBuilder();
        await writer.WriteLineAsync("220 test ESMTP");
        while (await reader.ReadLineAsync() is { } line)
        {
            var verb = line.Split(' ', ':')[0].ToUpperInvariant();
            switch (verb)
            {
                case "EHLO" or "HELO":
                    await writer.WriteLineAsync("250 test");
                    break;
                case "RCPT":
                    recipients.Add(line[(line.IndexOf('<') + 1)..line.IndexOf('>')]);
                    await writer.WriteLineAsync("250 OK");
                    break;
                case "DATA":
                    await writer.WriteLineAsync("354 go ahead");
                    while (await reader.ReadLineAsync() is { } body && body != ".")
                    {
                        data.Append(body.StartsWith("..", StringComparison.Ordinal) ? body[1..] : body).Append("\r\n");
                    }

                    await writer.WriteLineAsync("250 queued");
                    break;
                case "QUIT":
                    await writer.WriteLineAsync("221 bye");
                    return (recipients, data.ToString());
                default:
                    await writer.WriteLineAsync("250 OK");
                    break;
            }
        }

        return (recipients, data.ToString());
    }
}
