using System.Diagnostics;
using System.Text.Json.Nodes;
using IpPlatform.Kernel.Calendar;
using IpPlatform.Kernel.Recipes;
using IpPlatform.Kernel.Reviews;

// The calendar as the site recipe seeds it (2024–2026), then timings of the operations deadlines use; then ranking.
var recipe = JsonNode.Parse(File.ReadAllText(args.Length > 0 ? args[0] : "recipes/liaoning.recipe.json"))!;
var step = recipe["steps"]!.AsArray().First(s => s!["step"]!.ToString() == "calendar")!.AsObject();
var model = RecipeStep<CalendarRecipeStep.Model>.BindStep(step);
var calendar = new WorkingDayCalendar(model.Years.SelectMany(CalendarRecipeStep.DaysOf));

var starts = Enumerable.Range(0, 700).Select(d => new DateOnly(2024, 1, 1).AddDays(d)).ToArray();
Measure("AddWorkingDays(start, 5)  (公示期)", i => calendar.AddWorkingDays(starts[i % starts.Length], 5).DayNumber);
Measure("AddWorkingDays(start, 20)", i => calendar.AddWorkingDays(starts[i % starts.Length], 20).DayNumber);
Measure("SubtractWorkingDays(date, 3) (提醒)", i => calendar.SubtractWorkingDays(starts[i % starts.Length].AddDays(10), 3).DayNumber);
Measure("IsWorkingDay(date)", i => calendar.IsWorkingDay(starts[i % starts.Length]) ? 1 : 0);

// Ranking 1,000 applications with five experts each (aggregation, trimming, tie-breaks), as the ranking page does.
var random = new Random(2026);
var entries = Enumerable.Range(0, 1000).Select(i => new RankingEntry(Guid.NewGuid(), $"单位{i}", DateTimeOffset.UtcNow.AddMinutes(-i),
    Enumerable.Range(0, 5).Select(_ => new SheetScore(random.Next(600, 1000) / 10m, random.Next(100, 300) / 10m)).ToList())).ToList();
Measure("Ranking.Rank(1,000 × 5 experts)", _ => Ranking.Rank(entries, trimFrom: 5).Count, iterations: 200);

// The signature of an ID or access token (RS256, 2048-bit key): two per authorization-code exchange.
using var rsa = System.Security.Cryptography.RSA.Create(2048);
var claims = new JsonObject { ["iss"] = "https://ip.ln.gov.cn", ["sub"] = Guid.NewGuid().ToString(), ["aud"] = "financing-credit", ["iat"] = 1, ["exp"] = 2 };
// Signed as OpenIddict signs its tokens: Microsoft.IdentityModel's JsonWebTokenHandler.
var tokens = new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler();
var credentials = new Microsoft.IdentityModel.Tokens.SigningCredentials(
    new Microsoft.IdentityModel.Tokens.RsaSecurityKey(rsa) { KeyId = "kid-1" }, Microsoft.IdentityModel.Tokens.SecurityAlgorithms.RsaSha256);
var payload = claims.ToJsonString();
Measure("JsonWebTokenHandler.CreateToken (RS256, 2048-bit)", _ => tokens.CreateToken(payload, credentials).Length, iterations: 5_000);

static void Measure(string name, Func<int, int> operation, int iterations = 1_000_000)
{
    var Iterations = iterations;
    long sink = 0;
    for (var i = 0; i < Math.Min(10_000, iterations); i++)
    {
        sink += operation(i);   // warm-up (JIT)
    }

    var watch = Stopwatch.StartNew();
    for (var i = 0; i < Iterations; i++)
    {
        sink += operation(i);
    }

    watch.Stop();
    Console.WriteLine($"{name,-36} {watch.Elapsed.TotalMicroseconds / Iterations,8:0.000} µs per call ({Iterations:N0} calls, checksum {sink % 997})");
}
