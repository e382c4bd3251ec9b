using IpPlatform.Kernel.Authorities;

namespace IpPlatform.Web.Pages.Programs;

/// <summary>
/// The page title of something a program owns (the program, its directory, a round's conditions, its settings): a city
/// may run a program of the same name as the province's, so a program run below the province is named with its place.
/// </summary>
public static class ProgramTitle
{
    public static async Task<string> WithOwnerAsync(AuthorityNames names, string title, string ownerCode, CancellationToken ct = default) =>
        ownerCode == await names.ProvinceAsync(ct) || !(await names.PlacesAsync(ct)).TryGetValue(ownerCode, out var place) ? title : $"{title}（{place}）";
}
