using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Content;

/// <summary>
/// What a content field of kind <see cref="ContentFieldKind.Program"/> or <see cref="ContentFieldKind.Round"/> may name:
/// answered by the programs, so content knows nothing of them.
/// </summary>
public interface IContentReferences
{
    /// <summary>The recipe kind under which an earlier step declares such a key (e.g. "program").</summary>
    string RecipeKind(ContentFieldKind kind);

    /// <summary>Every key a field of <paramref name="kind"/> may name now.</summary>
    Task<IReadOnlySet<string>> KeysAsync(DbContext db, ContentFieldKind kind, CancellationToken ct);

    /// <summary>Whether a field of <paramref name="kind"/> may name <paramref name="key"/>.</summary>
    Task<bool> ExistsAsync(DbContext db, ContentFieldKind kind, string key, CancellationToken ct);
}
