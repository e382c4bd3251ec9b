using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Text;

namespace IpPlatform.Kernel.Mail;

/// <summary>Section "Mail". Without a Host, mail is written as .eml files to the pickup directory (development, tests).</summary>
public sealed class MailOptions
{
    public string From { get; set; } = "noreply@ipplatform.invalid";

    /// <summary>The sender's name; unset, the site's name (the site recipe).</summary>
    public string? FromName { get; set; }

    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    /// <summary>TLS required: from the start on port 465, by STARTTLS on any other port.</summary>
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

/// <summary>
/// Delivers one mail now through MailKit: over SMTP (STARTTLS, or TLS from the start on port 465, when
/// <see cref="MailOptions.EnableSsl"/>), or without a host as an .eml file in the pickup directory, written whole under a
/// temporary name and then renamed, so a reader never sees half a mail. Used by the <see cref="MailDispatcher"/>.
/// </summary>
public sealed class SmtpMailSender(IOptions<MailOptions> options, IOptions<PlatformDataOptions> data, Site.SiteInfo site)
{
    public async Task SendAsync(string to, string subject, string body, CancellationToken ct = default)
    {
        var o = options.Value;
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(o.FromName ?? (await site.GetAsync(ct)).Name, o.From));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.Body = new TextPart(TextFormat.Plain) { Text = body };

        if (string.IsNullOrWhiteSpace(o.Host))
        {
            var directory = Path.GetFullPath(Path.Combine(data.Value.DataDirectory, o.PickupDirectory));
            Directory.CreateDirectory(directory);
            var name = Path.Combine(directory, $"{Guid.NewGuid():N}.eml");
            await message.WriteToAsync(name + ".tmp", ct);
            File.Move(name + ".tmp", name);
            return;
        }

        using var client = new SmtpClient();
        var security = !o.EnableSsl ? SecureSocketOptions.None : o.Port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls;
        await client.ConnectAsync(o.Host, o.Port, security, ct);
        if (!string.IsNullOrEmpty(o.UserName))
        {
            await client.AuthenticateAsync(o.UserName, o.Password ?? "", ct);
        }

        await client.SendAsync(message, ct);
        await client.DisconnectAsync(quit: true, ct);
    }
}
