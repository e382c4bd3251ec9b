using System.Text.Json.Nodes;
using IpPlatform.Kernel.Applications;
using IpPlatform.Kernel.Programs;
using IpPlatform.Kernel.Workflows;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace IpPlatform.Kernel.Search;

/// <summary>
/// For staff only: applications and obligation filings once submitted (a draft is never searchable): the organisation,
/// the program and round, and every text answer (contacts, credit codes — found when typed whole — and the prose).
/// Which reviewer may see a hit is decided when searching, by the queue's own rule.
/// </summary>
public sealed class ApplicationSearchSource : ISearchSource
{
    public string Name => "application";

    public bool Staff => true;

    public Guid? SubjectOf(EntityEntry entry) => entry.Entity switch
    {
        Application application => application.Id,
        WorkflowInstance instance => instance.SubjectId,
        _ => null,
    };

    public string KeyOf(Guid id) => SearchDocument.KeyOf(Name, id);

    public Task<List<Guid>> AllAsync(DbContext db, CancellationToken ct) =>
        db.Set<WorkflowInstance>().AsNoTracking().Where(i => i.SubmittedAt != null).Select(i => i.SubjectId).ToListAsync(ct);

    public async Task<SearchDocument?> BuildAsync(DbContext db, Guid id, CancellationToken ct)
    {
        var found = await db.Set<Application>().AsNoTracking().Where(a => a.Id == id)
            .Join(db.Set<WorkflowInstance>().Where(i => i.SubmittedAt != null), a => a.Id, i => i.SubjectId, (a, i) => new { a.Answers, a.Kind, a.PeriodLabel, i.OrganisationName, i.ProgramId, i.SubmittedAt })
            .FirstOrDefaultAsync(ct);
        if (found is null)
        {
            return null;
        }

        var program = await db.Set<ProgramInstance>().AsNoTracking().Where(p => p.Id == found.ProgramId).Select(p => p.Name).FirstOrDefaultAsync(ct) ?? "";
        var texts = Texts(found.Answers).ToList();
        return new SearchDocument(Name, id, found.OrganisationName, $"/review/{id}",
            string.Join("\n", [$"{program} {found.PeriodLabel}", .. texts]),
            Keys: [.. texts.Where(t => t.Length == 18 && t.All(char.IsAsciiLetterOrDigit))],
            Published: found.SubmittedAt);
    }

    private static IEnumerable<string> Texts(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Texts(p.Value)),
        JsonArray a => a.SelectMany(Texts),
        JsonValue v when v.TryGetValue<string>(out var s) && s.Length > 0 => [s],
        _ => [],
    };
}
