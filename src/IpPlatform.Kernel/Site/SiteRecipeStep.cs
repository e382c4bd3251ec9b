using IpPlatform.Kernel.Caching;
using IpPlatform.Kernel.Recipes;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Site;

/// <summary>
/// Recipe step "site": the platform's name and the agencies hosting it
/// (<c>{ "step": "site", "name": "辽宁省知识产权项目申报平台", "host": "辽宁省知识产权局", "coHosts": ["沈阳市知识产权局"] }</c>).
/// Run again with the same values, it changes nothing.
/// </summary>
public sealed class SiteRecipeStep(ReferenceDataCache cache) : RecipeStep<SiteRecipeStep.Model>
{
    public sealed record Model(string Name, string Host, IReadOnlyList<string>? CoHosts = null);

    public override string Name => "site";

    protected override ValueTask ValidateAsync(Model model, RecipeValidation v, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(model.Name) || model.Name.Length > 64)
        {
            v.Error("name", "平台名称不能为空，且不超过 64 个字符");
        }

        if (string.IsNullOrWhiteSpace(model.Host) || model.Host.Length > 128)
        {
            v.Error("host", "主办单位不能为空，且不超过 128 个字符");
        }

        for (var i = 0; i < (model.CoHosts?.Count ?? 0); i++)
        {
            if (string.IsNullOrWhiteSpace(model.CoHosts![i]) || model.CoHosts[i].Length > 128)
            {
                v.Error($"coHosts[{i}]", "协办单位不能为空，且不超过 128 个字符");
            }
        }

        return ValueTask.CompletedTask;
    }

    protected override async Task<int> ExecuteAsync(Model model, RecipeExecution x, CancellationToken ct)
    {
        var coHosts = model.CoHosts?.ToList() ?? [];
        var row = await x.Db.Set<SiteSettings>().FirstOrDefaultAsync(ct);
        if (row is not null && row.Name == model.Name && row.Host == model.Host && row.CoHosts.SequenceEqual(coHosts))
        {
            return 0;
        }

        if (row is null)
        {
            x.Db.Add(new SiteSettings { Name = model.Name, Host = model.Host, CoHosts = coHosts });
        }
        else
        {
            (row.Name, row.Host, row.CoHosts) = (model.Name, model.Host, coHosts);
        }

        await x.Db.SaveChangesAsync(ct);
        x.AfterCommit(() => cache.Invalidate(SiteInfo.CacheKey));
        return 1;
    }
}
