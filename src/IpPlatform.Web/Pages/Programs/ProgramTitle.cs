using IpPlatform.Kernel.Authorities;

namespace IpPlatform.Web.Pages.Programs;

/// <summary>
/// The page title of something a program owns (the program, its directory, a round's conditions, its settings): a city
/// may run a program of the same name as the province's, so a program run below the province is named with its place.
/// </summary>
public static class ProgramTitle
{
    /// <summary>
    /// A directory's heading: the recipe's (e.g. 辽宁省高价值专利培育中心名单) for the province's program; a copy run by a
    /// city is named after that program (大连市高价值专利培育中心名单), never after the province's list.
    /// </summary>
    public static async Task<string> DirectoryHeadingAsync(AuthorityNames names, string directoryTitle, string programName, string ownerCode, CancellationToken ct = default) =>
        ownerCode == await names.ProvinceAsync(ct) ? directoryTitle : programName + "名单";

    public static async Task<string> WithOwnerAsync(AuthorityNames names, string title, string ownerCode, CancellationToken ct = default) =>
        ownerCode == await names.ProvinceAsync(ct) || !(await names.PlacesAsync(ct)).TryGetValue(ownerCode, out var place) ? title : $"{title}（{place}）";
}
