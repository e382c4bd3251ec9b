using Microsoft.Extensions.Options;

namespace IpPlatform.Web.Hosting;

/// <summary>Runs the start-up tasks before the server accepts its first request (StartingAsync precedes the server).</summary>
public sealed class StartupTasksService(
    IServiceProvider services, IOptions<PlatformOptions> options, IHostEnvironment environment, ILogger<StartupTasksService> logger)
    : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken ct)
    {
        if (!environment.IsDevelopment() && string.IsNullOrWhiteSpace(options.Value.PublicUrl))
        {
            throw new InvalidOperationException(PublicLinks.MissingMessage);
        }

        var started = TimeProvider.System.GetTimestamp();
        await StartupTasks.RunAsync(services, options.Value, ct);
        logger.LogInformation("Start-up tasks finished in {Elapsed} ms", TimeProvider.System.GetElapsedTime(started).TotalMilliseconds);
    }

    public Task StartAsync(CancellationToken ct) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken ct) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken ct) => Task.CompletedTask;

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken ct) => Task.CompletedTask;
}
