using System.Globalization;
using System.Text.Json.Nodes;
using IpPlatform.Kernel.Applications;
using IpPlatform.Kernel.Audit;
using IpPlatform.Kernel.Forms;
using IpPlatform.Kernel.Modules;
using IpPlatform.Kernel.Notifications;
using IpPlatform.Kernel.Organisations;
using IpPlatform.Kernel.Sanctions;
using IpPlatform.Kernel.Time;
using IpPlatform.Kernel.Workflows;

namespace IpPlatform.Kernel.Awards;

/// <summary>
/// When an application enters an approved phase (004 已认定, 002 已备案, …) the award it wins: the module's declared
/// title, the period from the program's settings (from the decision date the approving action names, else today), the
/// document number the action names, the directory entry from the answers, and every scheduled obligation opened with
/// its due date. Staged in the approving action's unit of work, so the approval and the award commit together.
/// </summary>
public sealed class GrantAward(
    Microsoft.EntityFrameworkCore.DbContext db, AwardDeclarations declarations, ModuleCatalog modules, IApplicantDirectory applicants,
    OpenObligation obligations, NotificationService notifications, AuditLog audit, TimeProvider clock)
{
    public async Task<Award?> StageAsync(ApplicationView view, JsonObject inputs, WorkflowActor actor, CancellationToken ct = default)
    {
        var (application, program) = (view.Application, view.Program);
        if (application.IsObligation || await declarations.FindAsync(program.ModuleId, ct) is not { } declaration
            || db.ChangeTracker.Entries<Award>().Any(e => e.Entity.ApplicationId == application.Id)
            || await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.Set<Award>(), a => a.ApplicationId == application.Id, ct))
        {
            return null;
        }

        // A ban imposed while the application was under review bars the award too.
        if (await db.InForceAsync(application.OrganisationId, program.ModuleId, BeijingTime.Today(clock), ct) is { } ban)
        {
            throw new WorkflowRefusal($"该单位{ban.Reason}，{ban.EndsOn:yyyy年M月d日}前不得申报本项目，不能授予");
        }

        var settings = modules.Find(program.ModuleId)?.Settings.Effective(program.Settings) ?? program.Settings;
        var start = declaration.StartDateInput is { } dateInput && inputs[dateInput]?.ToString() is { } text
            && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var decided)
            ? decided : BeijingTime.Today(clock);
        decimal? funds = null;
        if (declaration.FundsInput is { } fundsInput)
        {
            funds = ValueExpression.Decimal(InputValue(inputs, fundsInput)?.ToString(), settings);
            var cap = RecordAwardDocument.Cap(declaration, settings);
            if (funds is < 0 || funds > cap)
            {
                throw new WorkflowRefusal($"支持资金应在0至{cap:0.##}万元之间（现为{funds:0.##}万元）");
            }

            funds = funds is { } f ? Math.Round(f, 2, MidpointRounding.AwayFromZero) : null;
        }

        var now = clock.GetUtcNow();
        var profile = await applicants.FindAsync(application.OrganisationId, ct);
        var award = new Award
        {
            Id = Guid.CreateVersion7(), ProgramId = program.Id, RoundId = view.Round.Id, ApplicationId = application.Id, OrganisationId = application.OrganisationId,
            OrganisationName = view.Instance.OrganisationName, CreditCode = profile?.CreditCode is { Length: > 0 } code ? code : null,
            JointApplicant = JointApplicant(declaration, application.Answers), CityCode = view.Instance.CityCode, DistrictCode = view.Instance.DistrictCode,
            OwnerAuthority = program.OwnerAuthorityCode, Title = declaration.Title,
            DocumentNumber = declaration.DocumentNumberInput is { } numberInput && InputValue(inputs, numberInput)?.ToString() is { Length: > 0 } number ? number : null,
            FundsGranted = funds,
            StartDate = start, PeriodKind = declaration.Period.Kind, PeriodLabel = declaration.Period.Label, EndDate = End(declaration.Period, start, settings),
            Status = AwardStatusNames.Parse(declaration.InitialStatus) ?? AwardStatus.Construction, Directory = DirectoryEntry(declaration, application.Answers),
            CreatedAt = now, UpdatedAt = now, LastHash = "",
        };
        db.Add(award);
        db.Add(AwardEvent.Next(award, actor, null, "granted", $"授予“{award.Title}”，{award.PeriodLabel}至{award.EndDate:yyyy年M月d日}", new JsonObject
        {
            ["application"] = application.Id.ToString(), ["startDate"] = start.ToString("yyyy-MM-dd"), ["endDate"] = award.EndDate.ToString("yyyy-MM-dd"),
            ["status"] = award.Status.ToString(), ["documentNumber"] = award.DocumentNumber, ["fundsGranted"] = award.FundsGranted,
        }, now));
        await OpenScheduledAsync(award, declaration, settings, actor, ct, profile: profile, milestones: view.Round.Milestones);
        notifications.Add(award.OrganisationId, $"已获“{award.Title}”：{program.Name}",
            $"贵单位已获“{award.Title}”，{award.PeriodLabel}自{start:yyyy年M月d日}至{award.EndDate:yyyy年M月d日}。应报送的材料及期限见“本单位”页面。", "/org");
        audit.Add("award.granted", objectType: "award", objectId: award.Id.ToString(), actorId: actor.UserId, actorName: actor.Name,
            details: new JsonObject { ["application"] = application.Id.ToString(), ["program"] = program.Slug, ["endDate"] = award.EndDate.ToString("yyyy-MM-dd") });
        return award;
    }

    /// <summary>
    /// Opens the obligations the declaration schedules for the award's period from <paramref name="from"/> (default: its
    /// start; a renewal passes the start of the new period), skipping those already opened.
    /// </summary>
    public async Task OpenScheduledAsync(
        Award award, AwardDeclaration declaration, JsonObject settings, WorkflowActor actor, CancellationToken ct, DateOnly? from = null, ApplicantProfile? profile = null,
        IReadOnlyList<Programs.Milestone>? milestones = null)
    {
        foreach (var occurrence in ObligationSchedule.For(declaration, from ?? award.StartDate, award.EndDate, settings, milestones))
        {
            await obligations.StageAsync(award, occurrence.Obligation, occurrence.PeriodLabel, occurrence.OpensOn, occurrence.DueOn, actor, ct, profile);
        }
    }

    /// <summary>An input of the approving action, or a field of a form section it filled ("acceptance.acceptanceNo": seed 003's 受理号).</summary>
    private static JsonNode? InputValue(JsonObject inputs, string path) =>
        path.Split('.', 2) is [var section, var field] ? inputs[section]?[field] : inputs[path];

    /// <summary>The last day of a period of <paramref name="period"/>'s length from <paramref name="start"/> (the start day counted).</summary>
    public static DateOnly End(AwardPeriod period, DateOnly start, JsonObject settings) =>
        (period.Years is not null ? start.AddYears(Math.Max(1, ValueExpression.Int(period.Years, settings) ?? 1))
            : start.AddMonths(Math.Max(1, ValueExpression.Int(period.Months, settings) ?? 1))).AddDays(-1);

    /// <summary>The directory columns taken from answers (the others are computed when the directory is shown).</summary>
    public static JsonObject DirectoryEntry(AwardDeclaration declaration, JsonObject answers)
    {
        var entry = new JsonObject();
        foreach (var column in declaration.Directory?.Columns.Where(c => c.Answer is not null) ?? [])
        {
            var parts = column.Answer!.Split('.', 2);
            entry[column.Key] = FormAnswers.Text(answers, parts[0], parts[1]);
        }

        return entry;
    }

    private static string? JointApplicant(AwardDeclaration declaration, JsonObject answers) =>
        declaration.JointApplicant?.Split('.', 2) is [var section, var field] && FormAnswers.Text(answers, section, field) is { Length: > 0 } name ? name : null;
}
