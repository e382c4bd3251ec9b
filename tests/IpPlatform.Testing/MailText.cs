using MimeKit;

namespace IpPlatform.Testing;

/// <summary>Reads a mail of the pickup directory with MimeKit: its From, To and Subject headers, a blank line, its text.</summary>
public static class MailText
{
    public static string Decode(string path)
    {
        using var message = MimeMessage.Load(path);
        return $"From: {message.From}\nTo: {string.Join(", ", message.To.Mailboxes.Select(m => m.Address))}\nSubject: {message.Subject}\n\n{message.TextBody}";
    }
}
