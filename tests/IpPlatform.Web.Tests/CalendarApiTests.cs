using System.Net;
using System.Text.Json;

namespace IpPlatform.Web.Tests;

public sealed class CalendarApiTests(WebFixture app)
{
    private readonly HttpClient _client = app.CreateClient();

    [Theory]
    [InlineData("2024-01-04", 5, "2024-01-10")]
    [InlineData("2025-09-26", 5, "2025-10-09")]
    [InlineData("2026-02-12", 5, "2026-02-25")]
    [InlineData("2026-09-30", 5, "2026-10-12")]
    public async Task Returns_the_end_of_a_working_day_period(string from, int count, string end)
    {
        var body = await GetJsonAsync($"/api/calendar/working-days?from={from}&count={count}", HttpStatusCode.OK);

        body.GetProperty("end").GetString().ShouldBe(end);
    }

    [Theory]
    [InlineData("from=2024-1-4&count=5", "from")]
    [InlineData("count=5", "from")]
    [InlineData("from=2024-01-04&count=0", "count")]
    [InlineData("from=2024-01-04&count=abc", "count")]
    public async Task Bad_input_is_refused_naming_the_parameter(string query, string parameter)
    {
        var body = await GetJsonAsync($"/api/calendar/working-days?{query}", HttpStatusCode.BadRequest);

        body.GetProperty("detail").GetString()!.ShouldStartWith($"参数 {parameter}");
    }

    [Fact]
    public async Task A_year_without_holiday_data_is_refused_rather_than_guessed()
    {
        var body = await GetJsonAsync("/api/calendar/working-days?from=2027-03-01&count=5", HttpStatusCode.UnprocessableEntity);

        body.GetProperty("detail").GetString()!.ShouldContain("2027年的节假日安排尚未维护");
    }

    private async Task<JsonElement> GetJsonAsync(string url, HttpStatusCode expected)
    {
        var response = await _client.GetAsync(url);
        response.StatusCode.ShouldBe(expected);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }
}
