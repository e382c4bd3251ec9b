using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace IpPlatform.Kernel.Scheduling;

/// <summary>Work run by the clock on one instance of the cluster, in a service scope of its own.</summary>
public interface IScheduledWork
{
    Task RunAsync(CancellationToken ct);
}

/// <summary>The Quartz job that runs <typeparamref name="TWork"/>; never twice at once.</summary>
[DisallowConcurrentExecution]
public sealed class ScheduledJob<TWork>(IServiceScopeFactory scopes) : IJob where TWork : IScheduledWork
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<TWork>().RunAsync(cancellationToken);
    }
}
