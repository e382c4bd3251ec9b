using System.Net;
using IpPlatform.Testing;
using IpPlatform.Web.Tests.Awards;
using IpPlatform.Web.Tests.Workflows;

namespace IpPlatform.Web.Tests.Forms;

/// <summary>An application as an applicant makes it: started from the round's page, filled field by field, submitted.</summary>
internal static class ApplicantForms
{
    /// <summary>Starts an application of <paramref name="round"/> from the round's page, as the 开始填写申报书 button does.</summary>
    public static async Task<Guid> StartAsync(FormClient client, string round)
    {
        var started = await client.SubmitAsync($"/apply/{round}", "开始填写申报书");
        started.Status.ShouldBe(HttpStatusCode.Redirect, Chains.Problems(started.Html));
        return Guid.Parse(started.Location!.Split('/')[2]);
    }

    /// <summary>Fills every field (with <paramref name="answers"/> where given), uploads every attachment and presses 提交申报书.</summary>
    public static Task<PageResponse> FillAndSubmitAsync(FormClient client, Guid id, params (string Key, string Value)[] answers) =>
        Lifecycle.FileAsync(client, id, answers.Select(a => KeyValuePair.Create(a.Key, a.Value)), "提交申报书");

    /// <summary>A credit record entered against the organisation <paramref name="daysAgo"/> days ago (by another program's authority).</summary>
    public static Task RecordCreditAsync(WebFixture app, Guid organisation, int daysAgo) =>
        app.Database.ScalarAsync<int>($"""
            INSERT INTO credit_records (id, organisation_id, module_id, stage, text, authority, recorded_at, recorded_by)
            VALUES ('{Guid.CreateVersion7()}', '{organisation}', 'high-value-patent', '运行', '建设期内出现非正常专利申请', '210000', now() - interval '{daysAgo} days', '省局审核员')
            """);
}
