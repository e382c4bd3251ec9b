using IpPlatform.Kernel.Files;
using IpPlatform.Kernel.Workflows;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Applications;

/// <summary>Opens a file of an application for download: an attachment (附件) in one of its slots, or a file given with a review action.</summary>
public sealed class OpenApplicationFile(DbContext db, FileStore files)
{
    public async Task<(StoredFile File, Stream Content)?> OpenFileAsync(ApplicationView view, string slot, CancellationToken ct = default)
    {
        var attached = view.Files.FirstOrDefault(f => f.Slot == slot);
        var file = attached is null ? null : await db.Set<StoredFile>().AsNoTracking().FirstOrDefaultAsync(f => f.Id == attached.FileId, ct);
        return file is null ? null : (file, files.OpenRead(file));
    }

    /// <summary>A file given with a review action (e.g. a 推荐函): only one that this application's history names.</summary>
    public async Task<(StoredFile File, Stream Content)?> OpenActionFileAsync(ApplicationView view, Guid fileId, CancellationToken ct = default)
    {
        var named = await db.Set<WorkflowHistoryEntry>().AsNoTracking().Where(e => e.InstanceId == view.Instance.Id).Select(e => e.Inputs).ToListAsync(ct);
        if (!named.Any(inputs => inputs.Any(i => i.Value is System.Text.Json.Nodes.JsonObject o && o["file"]?.ToString() == fileId.ToString())))
        {
            return null;
        }

        var file = await db.Set<StoredFile>().AsNoTracking().FirstOrDefaultAsync(f => f.Id == fileId, ct);
        return file is null ? null : (file, files.OpenRead(file));
    }
}
