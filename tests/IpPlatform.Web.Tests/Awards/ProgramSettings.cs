using System.Net;
using IpPlatform.Testing;
using IpPlatform.Web.Tests.Workflows;

namespace IpPlatform.Web.Tests.Awards;

/// <summary>A program's settings changed the way a policy editor changes them: the 保存设置 form of its editor page.</summary>
internal static class ProgramSettings
{
    /// <summary>Runs <paramref name="body"/> with one setting of a program changed on its editor page, then restores it.</summary>
    public static async Task WithAsync(WebFixture app, string slug, string key, string value, Func<Task> body, string editor = "editor.province@example.com")
    {
        var client = await app.SignedInAsync(editor);
        var page = $"/editor/programs/{slug}";
        var before = RenderedForms.WithButton((await client.GetAsync(page)).Html, page, "保存设置").Form.Fields.First(f => f.Key == $"Settings[{key}]").Value;
        var saved = await client.SubmitAsync(page, "保存设置", [new($"Settings[{key}]", value)]);
        saved.Status.ShouldBe(HttpStatusCode.Redirect, Chains.Problems(saved.Html));
        try
        {
            await body();
        }
        finally
        {
            (await client.SubmitAsync(page, "保存设置", [new($"Settings[{key}]", before)])).Status.ShouldBe(HttpStatusCode.Redirect);
        }
    }

    /// <summary>
    /// A city's own copy of a provincial module, created by its editor on the 新建项目 page with <paramref name="settings"/>,
    /// with a round open for 30 days. Returns the copy's slug and round key.
    /// </summary>
    public static async Task<(string Slug, string Round)> CityCopyAsync(
        WebFixture app, string module, string name, IEnumerable<KeyValuePair<string, string>> settings, string editor = "editor.dalian@example.com", string owner = "210200")
    {
        var client = await app.SignedInAsync(editor);
        var slug = $"{owner}-{Guid.NewGuid():N}"[..18];
        var created = await client.SubmitAsync($"/editor/programs/new?Module={module}", "创建",
            new[] { new KeyValuePair<string, string>("Name", name), new("Slug", slug), new("Owner", owner) }.Concat(settings.Select(s => KeyValuePair.Create($"Settings[{s.Key}]", s.Value))));
        created.RedirectsTo($"/editor/programs/{slug}").ShouldBeTrue(Chains.Problems(created.Html));
        var now = DateTime.UtcNow.AddHours(8);
        var round = slug + "-r";
        (await client.SubmitAsync($"/editor/programs/{slug}", "保存批次",
            [new("Round.Key", round), new("Round.Year", now.Year.ToString()), new("Round.Title", name + "（本年度）"), new("Round.Closes", now.AddDays(30).ToString("yyyy-MM-ddTHH:mm"))]))
            .Status.ShouldBe(HttpStatusCode.Redirect);
        return (slug, round);
    }
}
