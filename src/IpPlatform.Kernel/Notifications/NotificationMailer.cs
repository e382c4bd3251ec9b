using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IpPlatform.Kernel.Notifications;

/// <summary>
/// Mails committed notifications in the background: a decision's request pokes it after its commit and answers at once;
/// a sweep every minute catches anything left (a message committed just before a restart, a failed hand-over).
/// </summary>
public sealed class NotificationMailer(IServiceScopeFactory scopes, ILogger<NotificationMailer> logger) : BackgroundService
{
    private readonly SemaphoreSlim _poked = new(0, 1);

    public void Poke()
    {
        if (_poked.CurrentCount == 0)
        {
            try
            {
                _poked.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already poked.
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await _poked.WaitAsync(TimeSpan.FromMinutes(1), stoppingToken);
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<NotificationService>().MailPendingAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Mailing notifications failed; retrying at the next sweep");
            }
        }
    }
}
