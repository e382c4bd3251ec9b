using IpPlatform.Kernel.Authorities;
using IpPlatform.Kernel.Modules;
using IpPlatform.Kernel.Caching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IpPlatform.Kernel.Programs;

/// <summary>A program as the public sees it: the instance, its owner authority and its module's manifest.</summary>
public sealed record ProgramSummary(
    string Slug,
    string Name,
    string ModuleId,
    string ModuleName,
    OwnerLevel ModuleLevel,
    string OwnerCode,
    string OwnerName,
    string OwnerAgency,
    AuthorityLevel OwnerLevel,
    SeedDocument Seed,
    string Summary,
    string Applicants);

/// <summary>The public list of programs, kept in memory until a program or authority changes.</summary>
public sealed class ProgramDirectory(ReferenceDataCache cache, ModuleCatalog modules, PublicPageCache? publicPages = null) : IAuthoritiesChanged
{
    private const string Key = "programs";

    public Task<IReadOnlyList<ProgramSummary>> ListAsync(CancellationToken ct = default) =>
        cache.GetAsync(Key, (services, token) => LoadAsync(services.GetRequiredService<DbContext>(), token), ct);

    public void Invalidate()
    {
        cache.Invalidate(Key);
        publicPages?.Invalidate();
    }

    /// <summary>The listing shows each owner's name and agency.</summary>
    void IAuthoritiesChanged.AuthoritiesChanged() => Invalidate();

    private async Task<IReadOnlyList<ProgramSummary>> LoadAsync(DbContext db, CancellationToken ct)
    {
        var rows = await (
                from p in db.Set<ProgramInstance>().AsNoTracking()
                join a in db.Set<Authority>().AsNoTracking() on p.OwnerAuthorityCode equals a.Code
                orderby a.SortOrder, p.SortOrder, p.Slug
                select new { p.Slug, p.Name, p.ModuleId, a.Code, OwnerName = a.Name, a.Agency, a.Level })
            .ToListAsync(ct);

        // A program whose module is no longer installed is not shown: nobody could apply to it.
        return rows
            .Select(r => (r, module: modules.Find(r.ModuleId)))
            .Where(x => x.module is not null)
            .Select(x => new ProgramSummary(
                x.r.Slug, x.r.Name, x.r.ModuleId, x.module!.Manifest.Name, x.module.Manifest.OwnerLevel,
                x.r.Code, x.r.OwnerName, x.r.Agency, x.r.Level,
                x.module.Manifest.Seed, x.module.Manifest.Summary, x.module.Manifest.Applicants))
            .ToList();
    }
}
