using IpPlatform.Identity.Oidc;
using Quartz;

namespace IpPlatform.Web.Hosting;

/// <summary>Runs <see cref="OidcHousekeeping"/> every hour on one instance of the cluster.</summary>
[DisallowConcurrentExecution]
public sealed class OidcHousekeepingJob(IServiceScopeFactory scopes) : IJob
{
    public static readonly JobKey Key = new("oidc-housekeeping");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<OidcHousekeeping>().PurgeAsync(cancellationToken);
    }
}
