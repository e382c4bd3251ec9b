using System.Text.Json.Nodes;
using IpPlatform.Kernel.Forms;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Applications;

/// <summary>Saves an application's draft (暂存): the answers as they are, checking nothing but that it may still be changed.</summary>
public sealed class SaveDraft(DbContext db, ApplicationChecks checks, TimeProvider clock)
{
    internal const string ConflictMessage = "申报书刚被本单位其他成员修改过，请刷新页面后再保存";

    /// <summary>Saves the answers as they are, checking nothing but that the application may still be changed.</summary>
    public async Task<Outcome<Application>> SaveDraftAsync(ApplicationView view, JsonObject answers, IEnumerable<string> declarations, CancellationToken ct = default)
    {
        if (checks.CannotChange(view) is { } reason)
        {
            return Outcome<Application>.Fail("", reason);
        }

        var application = view.Application;
        FormPrefill.KeepLocked(view.Form, application.Variant, answers, application.Answers);
        foreach (var (section, values) in answers)
        {
            application.Answers[section] = values?.DeepClone();
        }

        application.Declarations = declarations.Where(d => view.Form.DeclarationList.Any(x => x.Key == d)).Distinct().ToList();
        application.UpdatedAt = clock.GetUtcNow();
        return await db.SaveOrConflictAsync(application, ConflictMessage, ct);
    }
}
