using System.Text.Json.Nodes;
using IpPlatform.Kernel.Modules;
using IpPlatform.Kernel.Organisations;
using IpPlatform.Kernel.Programs;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Applications;

/// <summary>
/// The eligibility of an organisation for a program, as the pre-check, the start and the submit see it: the module's
/// rules with the program's own settings (a city's copy applies its thresholds), the application's answers where a rule
/// is about the application, the organisation's current profile, its bans from the module (every round, every city's
/// copy) and — for a rule that asks — the sanctions and credit records the platform holds against it.
/// </summary>
public sealed class CheckEligibility(DbContext db, ModuleCatalog modules, TimeProvider clock)
{
    public async Task<IReadOnlyList<EligibilityResult>> RunAsync(ProgramInstance program, ApplicantProfile applicant, JsonObject? answers, CancellationToken ct = default)
    {
        var rules = await db.Set<ModuleEligibility>().AsNoTracking().Where(e => e.ModuleId == program.ModuleId).Select(e => e.Rules).FirstOrDefaultAsync(ct) ?? [];
        var owner = await db.Set<Authorities.Authority>().AsNoTracking().FirstAsync(a => a.Code == program.OwnerAuthorityCode, ct);
        var ownerCity = owner.Level == Authorities.AuthorityLevel.District ? owner.ParentCode! : owner.Code;
        var settings = modules.Find(program.ModuleId)?.Settings.Effective(program.Settings) ?? program.Settings;
        var today = Eligibility.Today(clock);
        var lastSanction = rules.Any(r => r.Kind == "noSanctionsWithin") ? await LastSanctionAsync(applicant.OrganisationId, ct) : null;
        var results = Eligibility.Check(rules, applicant, settings, ownerCity, today, answers, lastSanction).ToList();

        if (await Sanctions.Bans.InForceAsync(db, applicant.OrganisationId, program.ModuleId, today, ct) is { } ban)
        {
            results.Add(new EligibilityResult("ban", false, $"贵单位{ban.Reason}，{ban.EndsOn:yyyy年M月d日}前不得申报本项目"));
        }
        return results;
    }

    /// <summary>The day of the latest ban imposed on, or credit record entered against, the organisation (Beijing date).</summary>
    private async Task<DateOnly?> LastSanctionAsync(Guid organisationId, CancellationToken ct)
    {
        var ban = await db.Set<Sanctions.Ban>().AsNoTracking().Where(b => b.OrganisationId == organisationId)
            .OrderByDescending(b => b.StartsOn).Select(b => (DateOnly?)b.StartsOn).FirstOrDefaultAsync(ct);
        var credit = await db.Set<Sanctions.CreditRecord>().AsNoTracking().Where(c => c.OrganisationId == organisationId)
            .OrderByDescending(c => c.RecordedAt).Select(c => (DateTimeOffset?)c.RecordedAt).FirstOrDefaultAsync(ct);
        var creditDay = credit is { } at ? Time.BeijingTime.DateOf(at) : (DateOnly?)null;
        return creditDay is null || ban > creditDay ? ban : creditDay;
    }
}
