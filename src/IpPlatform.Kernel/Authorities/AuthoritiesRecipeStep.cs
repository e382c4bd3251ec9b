using IpPlatform.Kernel.Caching;
using IpPlatform.Kernel.Recipes;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Authorities;

/// <summary>
/// Recipe step "authorities": creates or updates the province, cities and districts. Parents must come first
/// (or already exist). Authorities missing from the recipe are left alone: programs and accounts may refer to them.
/// </summary>
public sealed class AuthoritiesRecipeStep(IEnumerable<IAuthoritiesChanged> dependents, ReferenceDataCache cache) : RecipeStep<AuthoritiesRecipeStep.Model>
{
    public const string Kind = "authority";

    public sealed record Entry(string Code, string Name, string Agency, AuthorityLevel Level, string? Parent = null, bool DivisionCode = true);

    public sealed record Model(IReadOnlyList<Entry> Authorities);

    public override string Name => "authorities";

    protected override async ValueTask ValidateAsync(Model model, RecipeValidation v, CancellationToken ct)
    {
        var levels = new Dictionary<string, AuthorityLevel>(StringComparer.Ordinal);
        for (var i = 0; i < model.Authorities.Count; i++)
        {
            var a = model.Authorities[i];
            var at = $"authorities[{i}]";
            if (string.IsNullOrWhiteSpace(a.Code) || a.Code.Length > 16)
            {
                v.Error($"{at}.code", "代码不能为空，且不超过 16 个字符");
            }
            else if (a.DivisionCode && !(a.Code.Length == 6 && a.Code.All(char.IsAsciiDigit)))
            {
                v.Error($"{at}.code", $"“{a.Code}”不是 6 位行政区划代码（GB/T 2260）；没有区划代码的单位请设 divisionCode 为 false");
            }
            else if (!levels.TryAdd(a.Code, a.Level))
            {
                v.Error($"{at}.code", $"代码“{a.Code}”在本步骤中重复");
            }

            if (string.IsNullOrWhiteSpace(a.Name) || a.Name.Length > 64)
            {
                v.Error($"{at}.name", "名称不能为空，且不超过 64 个字符");
            }

            if (string.IsNullOrWhiteSpace(a.Agency) || a.Agency.Length > 128)
            {
                v.Error($"{at}.agency", "主管部门名称不能为空，且不超过 128 个字符");
            }

            await ValidateParentAsync(a, at, levels, v, ct);
            if (!string.IsNullOrWhiteSpace(a.Code))
            {
                v.Declare(Kind, a.Code);
            }
        }
    }

    private static async ValueTask ValidateParentAsync(
        Entry a, string at, Dictionary<string, AuthorityLevel> levels, RecipeValidation v, CancellationToken ct)
    {
        if (a.Level == AuthorityLevel.Province)
        {
            if (a.Parent is not null)
            {
                v.Error($"{at}.parent", "省级单位没有上级");
            }

            // One province: every role held there reaches everything, and the platform knows no other top (a unique
            // index keeps a second out of the database too, whichever recipe brings it).
            var other = levels.Where(l => l.Value == AuthorityLevel.Province && l.Key != a.Code).Select(l => l.Key).FirstOrDefault();
            if (other is not null)
            {
                v.Error($"{at}.level", $"平台只能有一个省级单位，本步骤已有“{other}”");
            }

            return;
        }

        if (string.IsNullOrWhiteSpace(a.Parent))
        {
            v.Error($"{at}.parent", "市级和区县级单位必须写明上级单位代码");
            return;
        }

        AuthorityLevel? parentLevel = levels.TryGetValue(a.Parent, out var l)
            ? l
            : await v.Db.Set<Authority>().Where(x => x.Code == a.Parent).Select(x => (AuthorityLevel?)x.Level).FirstOrDefaultAsync(ct);
        var expected = a.Level == AuthorityLevel.City ? AuthorityLevel.Province : AuthorityLevel.City;
        if (parentLevel is null)
        {
            v.Error($"{at}.parent", $"上级单位“{a.Parent}”不存在（上级须写在下级之前）");
        }
        else if (parentLevel != expected)
        {
            v.Error($"{at}.parent", $"上级单位“{a.Parent}”应为{expected.ToChinese()}单位");
        }
    }

    protected override async Task<int> ExecuteAsync(Model model, RecipeExecution x, CancellationToken ct)
    {
        var set = x.Db.Set<Authority>();
        var codes = model.Authorities.Select(a => a.Code).ToList();
        var existing = await set.Where(a => codes.Contains(a.Code)).ToDictionaryAsync(a => a.Code, ct);
        var changes = 0;
        for (var i = 0; i < model.Authorities.Count; i++)
        {
            var e = model.Authorities[i];
            if (!existing.TryGetValue(e.Code, out var row))
            {
                row = new Authority { Code = e.Code, Name = e.Name, Agency = e.Agency };
                set.Add(row);
                changes++;
            }
            else if (row.Name != e.Name || row.Agency != e.Agency || row.Level != e.Level || row.ParentCode != e.Parent
                     || row.IsDivisionCode != e.DivisionCode || row.SortOrder != i)
            {
                changes++;
            }

            (row.Name, row.Agency, row.Level, row.ParentCode, row.IsDivisionCode, row.SortOrder) =
                (e.Name, e.Agency, e.Level, e.Parent, e.DivisionCode, i);

            // Parents are inserted before children within one SaveChanges only if EF sees the relationship; save per row.
            await x.Db.SaveChangesAsync(ct);
        }

        if (changes > 0)
        {
            // Program listings show the owner authority's names; authorization reads the authorities' parents.
            foreach (var dependent in dependents)
            {
                x.AfterCommit(dependent.AuthoritiesChanged);
            }

            x.AfterCommit(() =>
            {
                cache.Invalidate(Authority.PlacesCacheKey);
                cache.Invalidate(Authority.NamesCacheKey);
                cache.Invalidate(Authority.NamesCacheKey + ":places");
                cache.Invalidate(Authority.NamesCacheKey + ":province");
            });
        }

        return changes;
    }
}
