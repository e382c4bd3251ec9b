using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IpPlatform.Kernel.Mail;

/// <summary>
/// Mail leaves the request at once and is delivered in the background: a page answers in the same time whether or not it
/// sent mail (no account enumeration by timing), and a slow or failing SMTP server never fails the user's action.
/// </summary>
public sealed class MailQueue : IMailSender
{
    private readonly Channel<OutgoingMail> _channel = Channel.CreateBounded<OutgoingMail>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });

    public async Task SendAsync(string to, string subject, string body, CancellationToken ct = default) =>
        await _channel.Writer.WriteAsync(new OutgoingMail(to, subject, body), CancellationToken.None);

    internal ChannelReader<OutgoingMail> Reader => _channel.Reader;
}

public sealed record OutgoingMail(string To, string Subject, string Body);

public sealed class MailDispatcher(MailQueue queue, SmtpMailSender smtp, ILogger<MailDispatcher> logger) : BackgroundService
{
    private static readonly TimeSpan[] Retries = [TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2)];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var mail in queue.Reader.ReadAllAsync(stoppingToken))
        {
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    await smtp.SendAsync(mail.To, mail.Subject, mail.Body, stoppingToken);
                    break;
                }
                catch (Exception ex) when (ex is not OperationCanceledException && attempt < Retries.Length)
                {
                    logger.LogWarning(ex, "Mail to {To} failed (attempt {Attempt}); retrying", mail.To, attempt + 1);
                    await Task.Delay(Retries[attempt], stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "Mail to {To} ({Subject}) could not be delivered", mail.To, mail.Subject);
                    break;
                }
            }
        }
    }
}
