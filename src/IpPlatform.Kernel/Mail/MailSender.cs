using System.Net;
using System.Net.Mail;
using System.Text;
using Microsoft.Extensions.Options;

namespace IpPlatform.Kernel.Mail;

/// <summary>Section "Mail". Without a Host, mail is written as .eml files to the pickup directory (development, tests).</summary>
public sealed class MailOptions
{
    public string From { get; set; } = "noreply@ipplatform.invalid";

    /// <summary>The sender's name; unset, the site's name (the site recipe).</summary>
    public string? FromName { get; set; }

    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    public bool EnableSsl { get; set; } = true;

    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>Relative to the data directory unless absolute.</summary>
    public string PickupDirectory { get; set; } = "mail";
}

public interface IMailSender
{
    Task SendAsync(string to, string subject, string body, CancellationToken ct = default);
}

/// <summary>Delivers one mail now (SMTP, or a pickup directory without a host); used by the <see cref="MailDispatcher"/>.</summary>
public sealed class SmtpMailSender(IOptions<MailOptions> options, IOptions<PlatformDataOptions> data, Site.SiteInfo site)
{
    public async Task SendAsync(string to, string subject, string body, CancellationToken ct = default)
    {
        var o = options.Value;
        using var message = new MailMessage(new MailAddress(o.From, o.FromName ?? (await site.GetAsync(ct)).Name, Encoding.UTF8), new MailAddress(to))
        {
            Subject = subject,
            SubjectEncoding = Encoding.UTF8,
            Body = body,
            BodyEncoding = Encoding.UTF8,
            IsBodyHtml = false,
        };
        using var client = new SmtpClient();
        if (string.IsNullOrWhiteSpace(o.Host))
        {
            client.DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory;
            client.PickupDirectoryLocation = Path.GetFullPath(Path.Combine(data.Value.DataDirectory, o.PickupDirectory));
            Directory.CreateDirectory(client.PickupDirectoryLocation);
        }
        else
        {
            client.Host = o.Host;
            client.Port = o.Port;
            client.EnableSsl = o.EnableSsl;
            if (!string.IsNullOrEmpty(o.UserName))
            {
                client.Credentials = new NetworkCredential(o.UserName, o.Password);
            }
        }

        await client.SendMailAsync(message, ct);
    }
}
