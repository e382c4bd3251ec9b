using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Identity.Organisations;

/// <summary>The choices of 所在地区 on the registration form (<see cref="RegionChoices"/>), from the authorities table.</summary>
public sealed class LoadRegionChoices(DbContext db)
{
    public Task<RegionChoices> RunAsync(CancellationToken ct = default) => RegionChoices.LoadAsync(db, ct);
}
