using IpPlatform.Kernel.Authorities;
using IpPlatform.Kernel.Workflows;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Statistics;

/// <summary>
/// The decisions of the histories, counted and timed in one statement. A step's kind comes from the phase of the state it
/// led to (by the chain version of its application): returned, approved, rejected; a district's or city's step to
/// another review state is a recommendation. For each application the first decision of each kind is timed from its first
/// submission; each reviewer's step is timed from the step before it (the time the level took). Working days come from
/// <see cref="WorkingDayIndex"/> joined as a table; the medians and 90th percentiles are the database's percentile_cont.
/// </summary>
internal static class DecisionTimes
{
    public const string Recommended = "recommended", Returned = "returned", Approved = "approved", Rejected = "rejected";

    private const string LevelPrefix = "level:";

    private static readonly (string Key, string Label)[] Decisions =
        [(Recommended, "推荐（区县或市级审核通过）"), (Returned, "首次退回补正"), (Approved, "批准"), (Rejected, "不通过")];

    private static readonly StaffRoleDefinition[] LowerLevels = [StaffRoleCatalog.DistrictReviewer, StaffRoleCatalog.CityReviewer];

    /// <summary>The working days between the days of calendar rows a and b (null unless both are in one run of maintained years).</summary>
    private const string Days = "CASE WHEN a.run = b.run THEN b.n - a.n END";

    private sealed record Row(string Measure, int Count, int Times, int Counted, double? Median, double? P90);

    public static async Task<DecisionFigures> ReadAsync(
        DbContext db, WorkflowActor actor, StatisticsFilter filter, IReadOnlyList<WorkflowVersion> chains, WorkingDayIndex index, CancellationToken ct)
    {
        var phases = chains.SelectMany(c => c.Definition.States.Select(s => (c.Key, c.Version, s.Key, Phase: s.Phase.ToString()))).ToList();
        var sql = new StatisticsSql();
        var (days, numbers, runs) = (sql.P(index.Days), sql.P(index.Numbers), sql.P(index.Runs));
        var (keys, versions, states, statePhases) = (sql.P(phases.Select(p => p.Item1).ToArray()), sql.P(phases.Select(p => p.Version).ToArray()),
            sql.P(phases.Select(p => p.Item3).ToArray()), sql.P(phases.Select(p => p.Phase).ToArray()));
        var lower = sql.P(LowerLevels.Select(r => r.Key).ToArray());
        var reviewers = sql.P(StaffRoleCatalog.ReviewerKeys.ToArray());
        var applications = sql.Applications("i", actor, filter);
        var text = $"""
            WITH cal AS (SELECT * FROM unnest({days}::date[], {numbers}::int[], {runs}::int[]) AS c(day, n, run)),
            phase AS (SELECT * FROM unnest({keys}::text[], {versions}::int[], {states}::text[], {statePhases}::text[]) AS p(chain, version, state, phase)),
            step AS (
                SELECT h.instance_id, h.role, h.at, p.phase, {StatisticsSql.BeijingDate("i.submitted_at")} AS submitted,
                       lag(h.at) OVER (PARTITION BY h.instance_id ORDER BY h.sequence) AS before
                FROM workflow_instances i
                JOIN workflow_history h ON h.instance_id = i.id
                LEFT JOIN phase p ON p.chain = i.workflow_key AND p.version = i.workflow_version AND p.state = h.to_state
                WHERE {applications}),
            decision AS (
                SELECT CASE phase WHEN 'Returned' THEN '{Returned}' WHEN 'Approved' THEN '{Approved}' WHEN 'Rejected' THEN '{Rejected}' ELSE '{Recommended}' END AS measure,
                       min(at) AS at, min(submitted) AS submitted, count(*) AS times
                FROM step
                WHERE phase IN ('Returned', 'Approved', 'Rejected') OR (phase = 'Review' AND role = ANY({lower}::text[]))
                GROUP BY instance_id, 1),
            timed AS (
                SELECT d.measure, d.times, {Days} AS days
                FROM decision d
                LEFT JOIN cal a ON a.day = d.submitted
                LEFT JOIN cal b ON b.day = {StatisticsSql.BeijingDate("d.at")}
                UNION ALL
                SELECT '{LevelPrefix}' || s.role, 1, {Days}
                FROM step s
                LEFT JOIN cal a ON a.day = {StatisticsSql.BeijingDate("s.before")}
                LEFT JOIN cal b ON b.day = {StatisticsSql.BeijingDate("s.at")}
                WHERE s.role = ANY({reviewers}::text[]) AND s.before IS NOT NULL)
            SELECT measure AS "Measure", count(*)::int AS "Count", sum(times)::int AS "Times", count(days)::int AS "Counted",
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY days) AS "Median", percentile_cont(0.9) WITHIN GROUP (ORDER BY days) AS "P90"
            FROM timed GROUP BY measure
            """;
        var rows = (await db.Database.SqlQuery<Row>(sql.Statement(text)).ToListAsync(ct)).ToDictionary(r => r.Measure);
        Row Of(string measure) => rows.GetValueOrDefault(measure) ?? new Row(measure, 0, 0, 0, null, null);
        Duration Timed(string key, string label)
        {
            var r = Of(key);
            return new Duration(key, label, r.Count, r.Counted, r.Median, r.P90);
        }

        return new DecisionFigures(
            Of(Recommended).Count, Of(Approved).Count, Of(Rejected).Count, Of(Returned).Count, Of(Returned).Times,
            Decisions.Select(d => Timed(d.Key, d.Label)).ToList(),
            StaffRoleCatalog.All.Where(r => r.Reviews).Select(r => Timed(LevelPrefix + r.Key, r.Office)).ToList());
    }
}
