using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Quartz;

namespace IpPlatform.Kernel.Content;

/// <summary>
/// Puts content schedules on Quartz. The host keeps Quartz's jobs in PostgreSQL with clustering, so a schedule survives
/// restarts and fires on one instance only; <see cref="RunContentSchedule.RunAsync"/> guards against a second run.
/// </summary>
public sealed class ContentScheduler(ISchedulerFactory schedulers)
{
    private const string Group = "content";

    public async Task ScheduleAsync(ContentSchedule schedule, CancellationToken ct = default)
    {
        var scheduler = await schedulers.GetScheduler(ct);
        var job = JobBuilder.Create<ContentScheduleJob>()
            .WithIdentity(schedule.Id.ToString(), Group)
            .UsingJobData(ContentScheduleJob.ScheduleKey, schedule.Id.ToString())
            .RequestRecovery()
            .Build();
        var trigger = TriggerBuilder.Create()
            .WithIdentity(schedule.Id.ToString(), Group)
            .StartAt(schedule.DueAt)
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
        await scheduler.ScheduleJob(job, [trigger], ScheduleJobOptions.Replacing, ct);
    }

    public async Task UnscheduleAsync(Guid scheduleId, CancellationToken ct = default) =>
        await (await schedulers.GetScheduler(ct)).DeleteJob(new JobKey(scheduleId.ToString(), Group), ct);

    public async Task<bool> IsScheduledAsync(Guid scheduleId, CancellationToken ct = default) =>
        await (await schedulers.GetScheduler(ct)).Exists(new JobKey(scheduleId.ToString(), Group), ct);
}

[DisallowConcurrentExecution]
public sealed class ContentScheduleJob(IServiceScopeFactory scopes) : IJob
{
    public const string ScheduleKey = "schedule";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var id = Guid.Parse(context.MergedJobDataMap.GetString(ScheduleKey)!);
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<RunContentSchedule>().RunAsync(id, cancellationToken);
    }
}

/// <summary>At start, any pending schedule without a Quartz job (an interrupted write) is put back on the scheduler.</summary>
public sealed class ContentScheduleRecovery(IServiceScopeFactory scopes) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DbContext>();
        var scheduler = scope.ServiceProvider.GetRequiredService<ContentScheduler>();
        foreach (var schedule in await db.Set<ContentSchedule>().AsNoTracking().Where(s => s.Status == ScheduleStatus.Pending).ToListAsync(stoppingToken))
        {
            if (!await scheduler.IsScheduledAsync(schedule.Id, stoppingToken))
            {
                await scheduler.ScheduleAsync(schedule, stoppingToken);
            }
        }
    }
}
