using System.Text.Json.Nodes;

namespace IpPlatform.Testing;

/// <summary>The accounts of recipes/demo.recipe.json, read from the recipe itself.</summary>
public static class DemoAccounts
{
    private static readonly JsonNode Recipe = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "recipes", "demo.recipe.json")))!;

    public static string Password => (string)Steps("organisations")[0]!["admin"]!["password"]!;

    public static string TotpKey(string email) =>
        (string)Steps("staff").Single(s => (string)s!["email"]! == email)!["totpKey"]!;

    public static IReadOnlyList<string> StaffEmails => Steps("staff").Select(s => (string)s!["email"]!).ToList();

    public static IReadOnlyList<string> OrganisationAdminEmails =>
        Steps("organisations").Select(o => (string)o!["admin"]!["email"]!).ToList();

    public static string CreditCodeOf(string adminEmail) =>
        (string)Steps("organisations").Single(o => (string)o!["admin"]!["email"]! == adminEmail)!["creditCode"]!;

    private static JsonArray Steps(string step) =>
        Recipe["steps"]!.AsArray().Single(s => (string)s!["step"]! == step)![step]!.AsArray();
}
