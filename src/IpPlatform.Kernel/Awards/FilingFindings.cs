using IpPlatform.Kernel.Applications;
using IpPlatform.Kernel.Modules;

namespace IpPlatform.Kernel.Awards;

/// <summary>
/// What the module's own rules compute from an obligation filing for its reviewers and experts (seed 004: the KPI count
/// with a PCT national phase entry counting twice, against the program's target), from the filing's answers and the
/// program's settings.
/// </summary>
public sealed class FilingFindings(IEnumerable<IAwardRules> rules, ModuleCatalog modules)
{
    public IReadOnlyList<Finding> Of(ApplicationView filing)
    {
        if (filing.Application.ObligationKey is not { } key || rules.FirstOrDefault(r => r.ModuleId == filing.Program.ModuleId) is not { } moduleRules)
        {
            return [];
        }

        var settings = modules.Find(filing.Program.ModuleId)?.Settings.Effective(filing.Program.Settings) ?? filing.Program.Settings;
        return moduleRules.Findings(key, filing.Application.Answers, settings);
    }
}
