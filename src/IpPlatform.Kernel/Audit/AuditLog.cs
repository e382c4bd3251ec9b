using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Audit;

/// <summary>
/// Writes audit entries with the current user and client address filled in. <see cref="Add"/> stages an entry in the
/// caller's unit of work, so a decision and its audit record commit together; <see cref="RecordAsync"/> saves at once.
/// </summary>
public sealed class AuditLog(DbContext db, IHttpContextAccessor http, TimeProvider clock)
{
    public AuditEntry Add(string @event, AuditOutcome outcome = AuditOutcome.Success, string? objectType = null,
        string? objectId = null, JsonObject? details = null, Guid? actorId = null, string? actorName = null)
    {
        var user = http.HttpContext?.User;
        var entry = new AuditEntry
        {
            At = clock.GetUtcNow(),
            ActorId = actorId ?? (Guid.TryParse(user?.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null),
            ActorName = actorName ?? user?.Identity?.Name,
            Ip = http.HttpContext?.Connection.RemoteIpAddress?.ToString(),
            Event = @event,
            Outcome = outcome,
            ObjectType = objectType,
            ObjectId = objectId,
            Details = details,
        };
        db.Set<AuditEntry>().Add(entry);
        return entry;
    }

    public async Task RecordAsync(string @event, AuditOutcome outcome = AuditOutcome.Success, string? objectType = null,
        string? objectId = null, JsonObject? details = null, Guid? actorId = null, string? actorName = null,
        CancellationToken ct = default)
    {
        Add(@event, outcome, objectType, objectId, details, actorId, actorName);
        await db.SaveChangesAsync(ct);
    }
}
