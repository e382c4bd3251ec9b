using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Awards;

public sealed record AwardChainProblem(Guid AwardId, string OrganisationName, string Problem);

/// <summary>
/// Checks every award's hash-chained history (the CLI's <c>verify-history</c>, beside the review histories): each event
/// hashes what it says and the event before it, numbers run 1, 2, 3… without a gap, and the award's last number and hash
/// are those of its last event — so an event changed, removed or slipped in afterwards shows.
/// </summary>
public sealed class VerifyAwardHistory(DbContext db)
{
    public async Task<(int Awards, int Events, IReadOnlyList<AwardChainProblem> Problems)> RunAsync(CancellationToken ct = default)
    {
        var problems = new List<AwardChainProblem>();
        var (awards, events) = (0, 0);
        Guid? after = null;
        while (true)
        {
            var batch = await db.Set<Award>().AsNoTracking().Where(a => after == null || a.Id.CompareTo(after.Value) > 0)
                .OrderBy(a => a.Id).Take(500).ToListAsync(ct);
            if (batch.Count == 0)
            {
                return (awards, events, problems);
            }

            var ids = batch.Select(a => a.Id).ToList();
            var histories = (await db.Set<AwardEvent>().AsNoTracking().Where(e => ids.Contains(e.AwardId)).ToListAsync(ct))
                .GroupBy(e => e.AwardId).ToDictionary(g => g.Key, g => g.OrderBy(e => e.Sequence).ToList());
            foreach (var award in batch)
            {
                var history = histories.GetValueOrDefault(award.Id) ?? [];
                events += history.Count;
                if (Broken(history) is { } broken)
                {
                    problems.Add(new AwardChainProblem(award.Id, award.OrganisationName, broken));
                }
                else if (history.Count != award.LastSequence || (history.Count > 0 && history[^1].Hash != award.LastHash))
                {
                    problems.Add(new AwardChainProblem(award.Id, award.OrganisationName, $"称号记录的最后一条为第{award.LastSequence}条，与历史记录（{history.Count}条）不符"));
                }
            }

            awards += batch.Count;
            after = batch[^1].Id;
        }
    }

    private static string? Broken(IReadOnlyList<AwardEvent> history)
    {
        var previous = Workflows.WorkflowHash.Genesis;
        for (var i = 0; i < history.Count; i++)
        {
            var e = history[i];
            if (e.Sequence != i + 1)
            {
                return $"第{i + 1}条记录缺失（见到的是第{e.Sequence}条）";
            }

            if (e.PreviousHash != previous)
            {
                return $"第{e.Sequence}条记录与前一条不衔接";
            }

            if (e.ComputeHash() != e.Hash)
            {
                return $"第{e.Sequence}条记录的内容与其哈希值不符（记录被改动过）";
            }

            previous = e.Hash;
        }

        return null;
    }
}
