using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Workflows;

public sealed record ChainProblem(Guid InstanceId, Guid SubjectId, string Problem);

/// <summary>Reads an instance's history, and verifies hash chains (one instance, or every instance for the command line).</summary>
public sealed class WorkflowHistory(DbContext db)
{
    public async Task<IReadOnlyList<WorkflowHistoryEntry>> ForAsync(Guid instanceId, CancellationToken ct = default) =>
        await db.Set<WorkflowHistoryEntry>().AsNoTracking().Where(e => e.InstanceId == instanceId).OrderBy(e => e.Sequence).ToListAsync(ct);

    /// <summary>Every broken chain; also an instance whose last hash is not its history's last entry (entries cut off the end).</summary>
    public async Task<(int Instances, int Entries, IReadOnlyList<ChainProblem> Problems)> VerifyAllAsync(CancellationToken ct = default)
    {
        var problems = new List<ChainProblem>();
        var (instances, entries) = (0, 0);
        Guid? after = null;
        while (true)
        {
            var batch = await db.Set<WorkflowInstance>().AsNoTracking().Where(i => after == null || i.Id.CompareTo(after.Value) > 0)
                .OrderBy(i => i.Id).Take(500).ToListAsync(ct);
            if (batch.Count == 0)
            {
                return (instances, entries, problems);
            }

            var ids = batch.Select(i => i.Id).ToList();
            var histories = (await db.Set<WorkflowHistoryEntry>().AsNoTracking().Where(e => ids.Contains(e.InstanceId)).ToListAsync(ct))
                .GroupBy(e => e.InstanceId).ToDictionary(g => g.Key, g => g.OrderBy(e => e.Sequence).ToList());
            foreach (var instance in batch)
            {
                var history = histories.GetValueOrDefault(instance.Id) ?? [];
                entries += history.Count;
                if (WorkflowHash.Verify(history) is { } broken)
                {
                    problems.Add(new ChainProblem(instance.Id, instance.SubjectId, broken));
                }
                else if (history.Count != instance.LastSequence || (history.Count > 0 && history[^1].Hash != instance.LastHash))
                {
                    problems.Add(new ChainProblem(instance.Id, instance.SubjectId, $"流程实例记录的最后一条为第{instance.LastSequence}条，与历史记录（{history.Count}条）不符"));
                }
            }

            instances += batch.Count;
            after = batch[^1].Id;
        }
    }
}
