using IpPlatform.Kernel;
using IpPlatform.Kernel.Authorities;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Identity.Organisations;

/// <summary>The choices of 所在地区 on the registration form: 省直, the cities (and 沈抚示范区), Shenyang's districts.</summary>
public sealed record RegionChoices(IReadOnlyList<Authority> Cities, IReadOnlyList<Authority> Districts)
{
    public static async Task<RegionChoices> LoadAsync(DbContext db, CancellationToken ct = default)
    {
        var all = await db.Set<Authority>().AsNoTracking().OrderBy(a => a.SortOrder).ToListAsync(ct);
        return new RegionChoices(
            all.Where(a => a.Level is AuthorityLevel.City or AuthorityLevel.Province).ToList(),
            all.Where(a => a.Level == AuthorityLevel.District).ToList());
    }

    public static string CityLabel(Authority a) => a.Level == AuthorityLevel.Province ? "省直单位" : a.Name;

    /// <summary>Checks a city and district pair; Shenyang organisations must name their district, others none.</summary>
    public void Validate(string? city, string? district, FieldErrors errors, string cityField, string districtField)
    {
        if (Cities.All(c => c.Code != city))
        {
            errors.Add(cityField, "请选择所在市");
            return;
        }

        var districts = Districts.Where(d => d.ParentCode == city).ToList();
        if (districts.Count > 0 && districts.All(d => d.Code != district))
        {
            errors.Add(districtField, $"{Cities.First(c => c.Code == city).Name}的单位请选择所在区、县（市）");
        }
        else if (districts.Count == 0 && !string.IsNullOrEmpty(district))
        {
            errors.Add(districtField, "只有沈阳市的单位需要选择区、县（市）");
        }
    }
}
