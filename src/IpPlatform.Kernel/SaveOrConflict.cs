using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel;

public static class SaveOrConflict
{
    /// <summary>
    /// Saves; when someone else changed the same row since it was read (optimistic concurrency), nothing is saved and
    /// the caller gets <paramref name="conflictMessage"/> to show, instead of a server error.
    /// </summary>
    public static async Task<Outcome<T>> SaveOrConflictAsync<T>(this DbContext db, T value, string conflictMessage, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return Outcome<T>.Ok(value);
        }
        catch (Exception ex) when (ex is DbUpdateConcurrencyException || ex is DbUpdateException { InnerException: Npgsql.PostgresException { SqlState: "23505" } })
        {
            // Another request changed the row first, or inserted what this one would (a double-click, an event's next number).
            db.ChangeTracker.Clear();
            return Outcome<T>.Fail("", conflictMessage);
        }
    }
}
