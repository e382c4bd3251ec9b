using System.Runtime.CompilerServices;
using IpPlatform.Kernel.Workflows;

namespace IpPlatform.Kernel.Statistics;

/// <summary>
/// A statement written in SQL for the statistics (medians, percentiles, days), with its parameters numbered as it is
/// written. <see cref="Applications"/> is the set every figure starts from: submitted applications (not obligations) of
/// the chosen program and round that the viewer's reviewer roles reach — the rule of <see cref="ReviewerReach.Of"/>, the
/// review queue's own.
/// </summary>
internal sealed class StatisticsSql
{
    /// <summary>A timestamptz column as the Beijing date (UTC+8, no daylight saving, as <see cref="Time.BeijingTime"/>).</summary>
    public static string BeijingDate(string column) => $"(({column} AT TIME ZONE 'UTC') + interval '8 hours')::date";

    public List<object> Arguments { get; } = [];

    /// <summary>A parameter placeholder for <paramref name="value"/>.</summary>
    public string P(object value)
    {
        Arguments.Add(value);
        return "{" + (Arguments.Count - 1) + "}";
    }

    /// <summary>
    /// The statement: <paramref name="format"/> is SQL written by the kernel whose only placeholders are those <see cref="P"/>
    /// made, so every value reaches the database as a parameter.
    /// </summary>
    public FormattableString Statement(string format) => FormattableStringFactory.Create(format, [.. Arguments]);

    /// <summary>The condition on workflow_instances (alias <paramref name="i"/>) for the submitted applications in scope and filter.</summary>
    public string Applications(string i, WorkflowActor actor, StatisticsFilter filter)
    {
        var reach = ReviewerReach.Of(actor);
        var where = $"{i}.listed AND {i}.kind = 'Application'";
        if (reach.Nothing)
        {
            where += " AND false";
        }
        else if (!reach.Everywhere)
        {
            var authorities = P(reach.Authorities);
            where += $" AND ({i}.city_code = ANY({authorities}) OR {i}.district_code = ANY({authorities}) OR {i}.owner_authority = ANY({authorities}))";
        }

        if (filter.Program is { } program)
        {
            where += $" AND {i}.program_id IN (SELECT id FROM programs WHERE slug = {P(program)})";
        }

        if (filter.Round is { } round)
        {
            where += $" AND {i}.round_id IN (SELECT id FROM rounds WHERE key = {P(round)})";
        }

        return where;
    }
}
