using IpPlatform.Kernel.Forms;
using IpPlatform.Kernel.Modules;
using IpPlatform.Kernel.Programs;
using IpPlatform.Kernel.Workflows;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Applications;

/// <summary>
/// Loads one application (申报书) with its round, program, review instance and form as the applicant, a reviewer or the
/// system sees it. Objects of other organisations, and applications outside a reviewer's scope, are reported as not found.
/// </summary>
public sealed class LoadApplication(
    DbContext db, FormStore forms, ModuleCatalog modules, WorkflowStore workflows, IOwedObligations obligations)
{
    public Task<ApplicationView?> FindAsync(Guid id, Guid organisationId, bool withFiles = true, CancellationToken ct = default) =>
        LoadAsync(id, organisationId, withFiles, ct);

    /// <summary>An application as a reviewer sees it: null (reported as not found) unless it is in the actor's scope.</summary>
    public async Task<ApplicationView?> FindForStaffAsync(Guid id, WorkflowActor actor, CancellationToken ct = default, bool withFiles = true)
    {
        var view = await LoadAsync(id, null, withFiles, ct);
        return view is not null && actor.OrganisationId is null && actor.CanSee(view.Instance) ? view : null;
    }

    /// <summary>For the system's own actions (timers): no scope applies.</summary>
    internal Task<ApplicationView?> FindForSystemAsync(Guid id, CancellationToken ct) => LoadAsync(id, null, withFiles: true, ct);

    private async Task<ApplicationView?> LoadAsync(Guid id, Guid? organisationId, bool withFiles, CancellationToken ct)
    {
        // One round trip for the application with its round, program and workflow instance (definitions are cached).
        var found = await (
            from a in db.Set<Application>()
            where a.Id == id && (organisationId == null || a.OrganisationId == organisationId)
            join r in db.Set<Round>() on a.RoundId equals r.Id
            join p in db.Set<ProgramInstance>() on a.ProgramId equals p.Id
            join i in db.Set<WorkflowInstance>() on a.Id equals i.SubjectId
            select new { Application = a, Round = r, Program = p, Instance = i }).FirstOrDefaultAsync(ct);
        if (found is null)
        {
            return null;
        }

        var (application, round, program, instance) = (found.Application, found.Round, found.Program, found.Instance);

        // The form's words quote the program's own settings (a city's copy shows its thresholds).
        var settings = modules.Find(program.ModuleId)?.Settings.Effective(program.Settings) ?? program.Settings;
        var version = (await forms.FindAsync(application.FormKey, application.FormVersion, ct))!;
        var form = FormSettingText.Resolve(version.Definition, version.Reference, settings);
        var workflow = (await workflows.FindAsync(instance.WorkflowKey, instance.WorkflowVersion, ct))!.Definition;
        var attached = withFiles ? await db.Set<ApplicationFile>().AsNoTracking().Where(f => f.ApplicationId == id).ToListAsync(ct) : null;
        var obligation = application.IsObligation ? await obligations.FindAsync(application, program, ct) : null;
        return new ApplicationView(application, form, round, program, instance, workflow, attached, obligation, settings);
    }
}
