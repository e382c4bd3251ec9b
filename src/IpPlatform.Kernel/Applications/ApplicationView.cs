using System.Text.Json.Nodes;
using IpPlatform.Kernel.Forms;
using IpPlatform.Kernel.Programs;
using IpPlatform.Kernel.Workflows;

namespace IpPlatform.Kernel.Applications;

/// <summary>An application with everything needed to show and check it (the files only when asked for).</summary>
public sealed record ApplicationView(
    Application Application, FormDefinition Form, Round Round, ProgramInstance Program, WorkflowInstance Instance, WorkflowDefinition Workflow,
    IReadOnlyList<ApplicationFile>? AttachedFiles, OwedObligation? Obligation = null, JsonObject? ProgramSettings = null)
{
    /// <summary>The program's effective settings (its own values over the module's defaults).</summary>
    public JsonObject Settings => ProgramSettings ?? Program.Settings;

    /// <summary>What the page calls it: the form's title, or for an obligation what is owed and for which period.</summary>
    public string Title => ObligationTitle ?? Form.Title;

    /// <summary>An obligation filing's title with its period ("年度工作报告（2025年度）"); null for an application to a round.</summary>
    public string? ObligationTitle => Obligation is { Title: { } owed } ? $"{owed}（{Application.PeriodLabel}）" : null;

    public WorkflowState State => Workflow.State(Instance.State)!;

    public IReadOnlyList<ApplicationFile> Files => AttachedFiles ?? throw new InvalidOperationException("The application was loaded without its files.");

    public IEnumerable<FormSection> Sections => FormAnswers.ApplicantSections(Form, Application.Variant, Application.Answers);
}
