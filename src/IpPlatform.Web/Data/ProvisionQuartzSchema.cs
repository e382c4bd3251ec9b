using Quartz;

namespace IpPlatform.Web.Data;

/// <summary>
/// Creates whatever of the scheduler's tables (Quartz's job store, <c>qrtz_*</c>) is missing, on the owner's connection, as
/// part of migrating: the app's role may not create tables, so the scheduler the app runs only checks that they are there.
/// Quartz creates them itself when a store that may provision its schema is initialised (nothing is altered or dropped,
/// and a complete schema is left as it is); this builds such a store under a scheduler name of its own, never starts it
/// and shuts it down.
/// </summary>
public static class ProvisionQuartzSchema
{
    public static async Task RunAsync(string ownerConnectionString, CancellationToken ct = default)
    {
        var connectionString = new Npgsql.NpgsqlConnectionStringBuilder(ownerConnectionString) { Pooling = false }.ConnectionString;
        await using var factory = QuartzSchedulerBuilder.Create(q =>
        {
            q.ConfigureScheduler(o => o.InstanceName = "ipp-schema");
            q.UsePersistentStore(store =>
            {
                store.UsePostgres(connectionString);
                store.UseSystemTextJsonSerializer();
                store.ProvisionSchema();
            });
        }).Build();
        var scheduler = await factory.GetScheduler(ct);
        await scheduler.Shutdown(waitForJobsToComplete: false, ct);
    }
}
