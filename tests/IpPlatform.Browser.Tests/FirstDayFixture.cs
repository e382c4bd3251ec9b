using System.Text.Json.Nodes;
using IpPlatform.Testing;

namespace IpPlatform.Browser.Tests;

/// <summary>
/// A platform on its first day (the site recipe and first-day.recipe.json: one certified organisation and one staff
/// account of each role, nothing else of theirs), on a port of its own so that no other test's data fills its lists.
/// </summary>
public sealed class FirstDayFixture : PlatformFactory
{
    private static readonly JsonNode Recipe = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "first-day.recipe.json")))!;

    protected override bool ServeOnRealPort => true;

    protected override IEnumerable<string> ExtraRecipes => ["first-day.recipe.json"];

    public static string? TotpKey(string email) =>
        (string?)Recipe["steps"]!.AsArray().Single(s => (string)s!["step"]! == "staff")!["staff"]!.AsArray()
            .SingleOrDefault(s => (string)s!["email"]! == email)?["totpKey"];
}
