using System.Text.Json.Nodes;
using IpPlatform.Kernel.Forms;
using IpPlatform.Kernel.Workflows;

namespace IpPlatform.Web.Pages.Review;

/// <summary>
/// One workflow action as a form: its inputs rendered by kind (a form section with the application form's own fields),
/// posted to <see cref="PostUrl"/> with <see cref="Hidden"/> values; <see cref="Value"/> gives what to show in each input.
/// </summary>
public sealed record ActionForm(
    WorkflowAction Action, string PostUrl, IReadOnlyList<KeyValuePair<string, string>> Hidden, bool Open, Func<WorkflowInput, string> Value,
    FormDefinition? Form = null, JsonObject? SectionAnswers = null);
