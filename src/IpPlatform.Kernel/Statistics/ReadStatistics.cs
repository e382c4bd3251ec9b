using IpPlatform.Kernel.Calendar;
using IpPlatform.Kernel.Workflows;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IpPlatform.Kernel.Statistics;

/// <summary>
/// The statistics page's query: <see cref="ComputeStatistics"/> for the viewer's reach and filter, counted once and then
/// answered from <see cref="StatisticsCache"/> until the data or the calendar changes (or a minute has passed); the result
/// carries the moment it was counted. Nothing for an actor without a reviewer role.
/// </summary>
public sealed class ReadStatistics(DbContext db, CalendarStore calendars, StatisticsCache cache, IServiceScopeFactory scopes)
{
    public async Task<RoundStatistics> RunAsync(WorkflowActor actor, StatisticsFilter filter, CancellationToken ct = default)
    {
        var version = await db.Database.SqlQuery<StatisticsVersion>($"""
            SELECT (SELECT coalesce(max(id), 0) FROM search_changes) AS "Changes",
                   (SELECT count(*) FROM objections) AS "Objections", (SELECT count(handled_at) FROM objections) AS "Handled"
            """).SingleAsync(ct);
        var calendar = await calendars.GetAsync(ct);
        var reach = ReviewerReach.Of(actor);
        var key = $"{(reach.Everywhere ? "*" : string.Join(',', reach.Authorities.Order(StringComparer.Ordinal)))}|{filter.Program}|{filter.Round}";
        return await cache.GetAsync(key, version, calendar, async () =>
        {
            // Counted in a scope of its own, not the request's: viewers asking meanwhile wait for this count, and one leaving does not cancel it.
            await using var scope = scopes.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<ComputeStatistics>().RunAsync(actor, filter, CancellationToken.None);
        }, ct);
    }
}
