using IpPlatform.Kernel.Applications;
using IpPlatform.Kernel.Programs;
using IpPlatform.Kernel.Recipes;
using IpPlatform.Kernel.Time;
using IpPlatform.Kernel.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IpPlatform.Kernel.Journeys;

/// <summary>
/// Recipe step "journeys" (the demo's living year): applications taken through their lives by the platform's own use
/// cases, move by move, each on its date. The moves of all journeys are walked in date order with the clock set to each
/// date (<see cref="TravellingClock"/>: 09:00 Beijing, a few minutes apart); the timer job runs as each day begins and
/// once more at the real now, so deadlines, 公示 ends and obligations fall due as they would have. Each move is one unit
/// of work in a scope of its own, like a request, with the same rules, history, notifications and audit. A move done
/// is marked (<see cref="RecipeEntryMark"/>, key "journey#n") and never done again; a move dated after today waits for a
/// later start. Any refusal stops the recipe with the reason.
/// </summary>
public sealed class JourneysRecipeStep(IServiceScopeFactory scopes, TimeProvider clock, ILogger<JourneysRecipeStep> logger)
    : RecipeStep<JourneysModel>, IStandaloneRecipeStep
{
    public override string Name => "journeys";

    protected override async ValueTask ValidateAsync(JourneysModel model, RecipeValidation v, CancellationToken ct)
    {
        var keys = model.Journeys.Select(j => j.Key).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < model.Journeys.Count; i++)
        {
            var journey = model.Journeys[i];
            var at = $"journeys[{i}]";
            if (model.Journeys.Take(i).Any(j => j.Key == journey.Key) || journey.Key.Length is 0 or > 100)
            {
                v.Error($"{at}.key", "旅程标识不能为空、不超过 100 个字符，且在本步骤中不重复");
            }

            if (!v.IsDeclared(RoundsRecipeStep.Kind, journey.Round) && !await v.Db.Set<Round>().AnyAsync(r => r.Key == journey.Round, ct))
            {
                v.Error($"{at}.round", $"批次“{journey.Round}”不存在");
            }

            for (var m = 0; m < journey.Moves.Count; m++)
            {
                foreach (var (field, message) in Problems(journey.Moves[m], m > 0 ? journey.Moves[m - 1].On : null, model, keys, v.CurrentSource))
                {
                    v.Error($"{at}.moves[{m}]{(field.Length > 0 ? "." + field : "")}", message);
                }
            }
        }
    }

    private static IEnumerable<(string Field, string Message)> Problems(
        JourneyMove move, DateOnly? previous, JourneysModel model, HashSet<string> journeys, RecipeSource? source)
    {
        if (!JourneyMove.Kinds.Contains(move.Do))
        {
            yield return ("do", $"不认识的动作，可用的有：{string.Join("、", JourneyMove.Kinds)}");
        }

        if (move.On < previous)
        {
            yield return ("on", "同一旅程的日期不能早于上一步");
        }

        if (move.AnswerSet is { } set && model.AnswerSets?.ContainsKey(set) != true)
        {
            yield return ("answerSet", $"答案集“{set}”不存在");
        }

        foreach (var file in (move.Files ?? new Dictionary<string, string>()).Values.Where(f => source?.HasFile(f) != true))
        {
            yield return ("files", $"找不到配方旁的文件“{file}”");
        }

        foreach (var other in (move.With ?? []).Where(w => !journeys.Contains(w)))
        {
            yield return ("with", $"旅程“{other}”不存在");
        }

        var missing = move.Do switch
        {
            "act" when move.By is null || move.Action is null => "act 须写明 by 与 action",
            "assignExperts" when move.By is null || move.Experts is not { Count: > 0 } => "assignExperts 须写明 by 与 experts",
            "declare" or "score" when move.By is null => $"{move.Do} 须写明 by（专家）",
            "score" when move.Scores is null => "score 须写明 scores",
            "publicize" when move.By is null || move.Title is null => "publicize 须写明 by 与 title",
            "object" when move.By is null || move.Objection is null => "object 须写明 by 与 objection",
            "revoke" when move.By is null || move.Inputs?["ground"] is null => "revoke 须写明 by 与 inputs.ground",
            "attach" when move.Files is not { Count: > 0 } => "attach 须写明 files",
            _ => null,
        };
        if (missing is not null)
        {
            yield return ("", missing);
        }
    }

    protected override async Task<int> ExecuteAsync(JourneysModel model, RecipeExecution x, CancellationToken ct)
    {
        if (clock is not TravellingClock travelling)
        {
            throw new InvalidOperationException("演示旅程需要平台的时钟（TravellingClock）才能按各步的日期进行");
        }

        var source = x.CurrentSource;
        var done = (await x.Db.Set<RecipeEntryMark>().AsNoTracking().Where(m => m.Source == (source!.Name) && m.Step == Name)
            .Select(m => m.Key).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var today = BeijingTime.Today(clock);
        var pending = model.Journeys
            .SelectMany((journey, j) => journey.Moves.Select((move, m) => (Journey: journey, J: j, Move: move, M: m)))
            .Where(p => !done.Contains(MarkKey(p.Journey, p.M)) && p.Move.On <= today)
            .OrderBy(p => p.Move.On).ThenBy(p => p.J).ThenBy(p => p.M).ToList();
        foreach (var day in pending.GroupBy(p => p.Move.On))
        {
            using (travelling.TravelTo(BeijingTime.At(day.Key, new TimeOnly(8, 0))))
            {
                await RunTimersAsync(ct);
            }

            var n = 0;
            foreach (var (journey, _, move, m) in day)
            {
                using var _ = travelling.TravelTo(BeijingTime.At(day.Key, new TimeOnly(9, 0)).AddMinutes(3 * n++));
                await using var scope = scopes.CreateAsyncScope();
                var moves = new TakeJourneyMove(scope.ServiceProvider, model, source);
                if (await moves.TakeAsync(journey, move, ct) is { } refused)
                {
                    throw new InvalidOperationException($"旅程“{journey.Key}”第{m + 1}步（{move.Do}{(move.Action is null ? "" : " " + move.Action)}，{move.On:yyyy-MM-dd}）未能完成：{refused}");
                }

                var db = scope.ServiceProvider.GetRequiredService<DbContext>();
                db.ChangeTracker.Clear();
                db.Add(new RecipeEntryMark { Source = source!.Name, Step = Name, Key = MarkKey(journey, m), Sha256 = "", AppliedAt = clock.GetUtcNow() });
                await db.SaveChangesAsync(ct);
            }
        }

        if (pending.Count > 0)
        {
            await RunTimersAsync(ct);
            logger.LogInformation("Journeys: {Moves} moves taken, up to {Date}", pending.Count, pending[^1].Move.On);
        }

        return pending.Count;
    }

    private static string MarkKey(Journey journey, int move) => $"{journey.Key}#{move}";

    private async Task RunTimersAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ApplicationTimers>().RunAsync(ct);
    }
}
