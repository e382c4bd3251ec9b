using System.Globalization;
using System.Text.Json.Nodes;
using IpPlatform.Kernel.Applications;
using IpPlatform.Kernel.Modules;
using IpPlatform.Kernel.Programs;
using IpPlatform.Kernel.Workflows;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Reviews;

/// <summary>
/// Ranks a round's applications in expert review by their experts' scores (专家评审排名, see <see cref="Ranking"/>), with
/// the program's trimming rule (去掉最高分和最低分 from <c>trimScoresFromExperts</c> experts on), and lists those whose
/// experts have not all submitted.
/// </summary>
public sealed class RankRound(DbContext db, WorkflowStore workflows, ModuleCatalog modules)
{
    /// <summary>The ranking of a round's applications in expert review (see <see cref="Ranking"/>), with the program's trimming rule.</summary>
    public async Task<(IReadOnlyList<RankedApplication> Ranked, IReadOnlyList<(Guid Id, string Organisation, int Submitted, int Active)> Pending)> RankingAsync(
        string roundKey, WorkflowActor actor, CancellationToken ct = default)
    {
        var round = await db.Set<Round>().AsNoTracking().FirstOrDefaultAsync(r => r.Key == roundKey, ct);
        if (round is null)
        {
            return ([], []);
        }

        var program = await db.Set<ProgramInstance>().AsNoTracking().FirstAsync(p => p.Id == round.ProgramId, ct);
        var settings = modules.Find(program.ModuleId)?.Settings.Effective(program.Settings) ?? program.Settings;
        var trimFrom = settings["trimScoresFromExperts"] is JsonValue v && v.TryGetValue(out int n) ? n : 5;
        // Only instances in a state with a rubric (by the stored definitions), then the actor's scope.
        var scoringStates = new List<string>();
        foreach (var version in await workflows.AllVersionsAsync(ct))
        {
            scoringStates.AddRange(version.Definition.States.Where(st => st.Scoring is not null).Select(st => $"{version.Key}@{version.Version}:{st.Key}"));
        }

        var inScoring = (await db.Set<WorkflowInstance>().AsNoTracking()
            .Where(i => i.RoundId == round.Id && i.Kind == ApplicationKind.Application && i.SubmittedAt != null && scoringStates.Contains(i.WorkflowKey + "@" + i.WorkflowVersion.ToString() + ":" + i.State))
            .ToListAsync(ct)).Where(actor.CanSee).ToList();

        // The sheets as the ranking needs them, read in one query: totals and the heaviest item's score (not whole documents).
        var rubricKeys = scoringStates.Count == 0 ? [] : await RubricKeysAsync(inScoring, ct);
        var rubric = rubricKeys.Count == 0 ? null : (await db.Set<RubricRecord>().AsNoTracking().FirstOrDefaultAsync(r => r.Key == rubricKeys[0], ct))?.Definition;
        var heaviest = rubric?.Heaviest?.Key ?? "";
        var ids = inScoring.Select(i => i.SubjectId).ToArray();
        var sheets = await db.Database.SqlQuery<SheetRow>($"""
            SELECT application_id AS "ApplicationId", state AS "State", total AS "Total", scores -> {heaviest} ->> 'score' AS "Heaviest"
            FROM expert_assignments WHERE application_id = ANY({ids}) AND state <> 'Declined'
            """).ToListAsync(ct);
        var byApplication = sheets.GroupBy(a => a.ApplicationId).ToDictionary(g => g.Key, g => g.ToList());
        var entries = inScoring.Select(i => new RankingEntry(i.SubjectId, i.OrganisationName, i.SubmittedAt,
            byApplication.GetValueOrDefault(i.SubjectId, []).Where(a => a.State == nameof(AssignmentState.Submitted))
                .Select(a => new SheetScore(a.Total ?? 0, Number(a.Heaviest))).ToList())).ToList();
        var pending = inScoring.Select(i => (i.SubjectId, i.OrganisationName,
                byApplication.GetValueOrDefault(i.SubjectId, []).Count(a => a.State == nameof(AssignmentState.Submitted)),
                byApplication.GetValueOrDefault(i.SubjectId, []).Count))
            .Where(p => p.Item3 < p.Item4 || p.Item4 == 0).ToList();
        return (Ranking.Rank(entries, trimFrom), pending);
    }

    private sealed record SheetRow(Guid ApplicationId, string State, decimal? Total, string? Heaviest);

    private static decimal Number(string? text) =>
        decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) ? value : 0;

    /// <summary>The rubrics of the states the instances are in (normally one per round).</summary>
    private async Task<List<string>> RubricKeysAsync(IEnumerable<WorkflowInstance> instances, CancellationToken ct)
    {
        var keys = new List<string>();
        foreach (var version in instances.Select(i => (i.WorkflowKey, i.WorkflowVersion, i.State)).Distinct())
        {
            if ((await workflows.FindAsync(version.WorkflowKey, version.WorkflowVersion, ct))!.Definition.State(version.State)?.Scoring is { } key && !keys.Contains(key))
            {
                keys.Add(key);
            }
        }

        return keys;
    }
}
