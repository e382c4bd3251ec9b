using IpPlatform.Kernel.Programs;
using IpPlatform.Kernel.Time;
using IpPlatform.Kernel.Workflows;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Statistics;

/// <summary>
/// The first submissions of a round per Beijing day, against the round's opening and last day; only when one round is
/// chosen (a timeline across rounds would mix deadlines).
/// </summary>
internal static class SubmissionTimeline
{
    public static async Task<(RoundWindow? Round, IReadOnlyList<DayCount> Days)> ReadAsync(
        DbContext db, WorkflowActor actor, StatisticsFilter filter, CancellationToken ct)
    {
        if (filter.Round is not { } key || await db.Set<Round>().AsNoTracking().FirstOrDefaultAsync(r => r.Key == key, ct) is not { } round)
        {
            return (null, []);
        }

        var window = new RoundWindow(round.Title, round.OpensAt is { } opens ? BeijingTime.DateOf(opens) : null, BeijingTime.DateOf(round.ClosesAt.AddTicks(-1)));
        var sql = new StatisticsSql();
        var where = sql.Applications("i", actor, filter);
        var day = StatisticsSql.BeijingDate("i.submitted_at");
        var text = $"""SELECT {day} AS "Day", count(*)::int AS "Count" FROM workflow_instances i WHERE {where} GROUP BY 1 ORDER BY 1""";
        var days = await db.Database.SqlQuery<DayCount>(sql.Statement(text)).ToListAsync(ct);
        return (window, days);
    }
}
