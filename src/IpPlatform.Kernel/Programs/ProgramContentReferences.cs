using IpPlatform.Kernel.Content;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Programs;

/// <summary>A notice may name a program (its slug) or a round (its key): these are the ones there are.</summary>
public sealed class ProgramContentReferences : IContentReferences
{
    public string RecipeKind(ContentFieldKind kind) => kind == ContentFieldKind.Program ? ProgramsRecipeStep.Kind : RoundsRecipeStep.Kind;

    public async Task<IReadOnlySet<string>> KeysAsync(DbContext db, ContentFieldKind kind, CancellationToken ct) =>
        (kind == ContentFieldKind.Program
            ? await db.Set<ProgramInstance>().AsNoTracking().Select(p => p.Slug).ToListAsync(ct)
            : await db.Set<Round>().AsNoTracking().Select(r => r.Key).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);

    public Task<bool> ExistsAsync(DbContext db, ContentFieldKind kind, string key, CancellationToken ct) =>
        kind == ContentFieldKind.Program
            ? db.Set<ProgramInstance>().AnyAsync(p => p.Slug == key, ct)
            : db.Set<Round>().AnyAsync(r => r.Key == key, ct);
}
