using System.Security.Claims;
using IpPlatform.Identity.Accounts;
using IpPlatform.Kernel.Authorities;
using IpPlatform.Kernel.Caching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IpPlatform.Identity.Authorization;

/// <summary>Every authority with its level and city, in memory (the table changes only by recipe).</summary>
public sealed class AuthorityPlaces(ReferenceDataCache cache)
{
    public Task<IReadOnlyDictionary<string, AuthorityPlace>> GetAsync(CancellationToken ct = default) =>
        cache.GetAsync<IReadOnlyDictionary<string, AuthorityPlace>>(Authority.PlacesCacheKey, async (services, token) =>
            (await services.GetRequiredService<DbContext>().Set<Authority>().AsNoTracking().ToListAsync(token)).ToDictionary(
                a => a.Code,
                a => new AuthorityPlace(a.Code, a.Level, a.Level switch
                {
                    AuthorityLevel.City => a.Code,
                    AuthorityLevel.District => a.ParentCode,
                    _ => null,
                })), ct);
}

public static class EditorScope
{
    /// <summary>A policy editor edits content and programs owned by authorities its role covers.</summary>
    public static bool EditsFor(this ClaimsPrincipal user, string ownerAuthority, IReadOnlyDictionary<string, AuthorityPlace> places) =>
        places.TryGetValue(ownerAuthority, out var place) && user.AssignmentsOf(StaffRole.PolicyEditor).Any(a => AccessScope.Covers(a, place));

    public static IReadOnlyList<string> EditableAuthorities(this ClaimsPrincipal user, IReadOnlyDictionary<string, AuthorityPlace> places) =>
        places.Keys.Where(code => user.EditsFor(code, places)).ToList();
}
