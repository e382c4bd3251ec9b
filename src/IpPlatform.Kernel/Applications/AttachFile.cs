using System.Text.Json.Nodes;
using IpPlatform.Kernel.Audit;
using IpPlatform.Kernel.Files;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Applications;

/// <summary>
/// Attaches a file (附件) to one of the application form's attachment slots, replacing what the slot held; the upload
/// rules are the slot's, the file is audited with its hash.
/// </summary>
public sealed class AttachFile(DbContext db, FileStore files, ApplicationChecks checks, AuditLog audit, TimeProvider clock)
{
    public async Task<Outcome<ApplicationFile>> AttachAsync(ApplicationView view, string slotKey, Stream content, string fileName, Guid by, CancellationToken ct = default)
    {
        if (checks.CannotChange(view) is { } reason)
        {
            return Outcome<ApplicationFile>.Fail("", reason);
        }

        var slot = view.Form.AttachmentList.FirstOrDefault(s => s.Key == slotKey);
        if (slot is null)
        {
            return Outcome<ApplicationFile>.Fail("", "附件项不存在");
        }

        StoredFile stored;
        try
        {
            stored = await files.SaveAsync(content, fileName, slot.Rules(), by, ct);
        }
        catch (UploadRejectedException ex)
        {
            return Outcome<ApplicationFile>.Fail($"file-{slotKey}", $"“{slot.Label}”：{ex.Message}");
        }

        db.Set<ApplicationFile>().RemoveRange(await db.Set<ApplicationFile>().Where(f => f.ApplicationId == view.Application.Id && f.Slot == slotKey).ToListAsync(ct));
        var file = new ApplicationFile
        {
            Id = Guid.CreateVersion7(), ApplicationId = view.Application.Id, Slot = slotKey, FileId = stored.Id, FileName = stored.FileName,
            Sha256 = stored.Sha256, Size = stored.Size, UploadedAt = clock.GetUtcNow(),
        };
        db.Add(file);
        audit.Add("application.file-attached", objectType: "application", objectId: view.Application.Id.ToString(),
            details: new JsonObject { ["slot"] = slotKey, ["file"] = stored.FileName, ["sha256"] = stored.Sha256, ["size"] = stored.Size });
        view.Application.UpdatedAt = clock.GetUtcNow();
        var saved = await db.SaveOrConflictAsync(view.Application, SaveDraft.ConflictMessage, ct);
        return saved.Succeeded ? Outcome<ApplicationFile>.Ok(file) : Outcome<ApplicationFile>.Fail(saved.Errors);
    }
}
