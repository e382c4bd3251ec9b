using System.Text.Json.Nodes;
using IpPlatform.Kernel.Files;
using IpPlatform.Kernel.Forms;
using IpPlatform.Kernel.Workflows;
using Microsoft.AspNetCore.Http;

namespace IpPlatform.Kernel.Applications;

/// <summary>
/// The inputs of a workflow action as posted, ready for <see cref="ActOnApplication.ActAsync"/>; the problems found
/// while binding them (keyed by input); and, when the action fills form sections, the application's answers with those
/// sections as posted (to show again when the action is refused).
/// </summary>
public sealed record ActionInputs(JsonObject Inputs, FieldErrors Problems, JsonObject? PostedAnswers);

/// <summary>
/// Binds a reviewer's posted form to an action's inputs, each field named "{action}.{input}": a file input stores the
/// upload (documents only) and records its id, name and hash; a section input reads that section of the application
/// form and checks it; any other input is the posted text. A missing file is left out (the action's own checks decide).
/// </summary>
public sealed class BindActionInputs(FileStore files)
{
    public async Task<ActionInputs> RunAsync(ApplicationView view, WorkflowAction action, IFormCollection form, Guid? uploadedBy, CancellationToken ct = default)
    {
        var inputs = new JsonObject();
        var problems = new FieldErrors();
        JsonObject? postedAnswers = null;
        foreach (var input in action.InputList)
        {
            var name = $"{action.Key}.{input.Key}";
            switch (input.Kind)
            {
                case WorkflowInputKind.File:
                    if (form.Files.GetFile(name) is { Length: > 0 } upload)
                    {
                        try
                        {
                            await using var stream = upload.OpenReadStream();
                            var stored = await files.SaveAsync(stream, upload.FileName, UploadRules.Documents, uploadedBy, ct);
                            inputs[input.Key] = new JsonObject { ["file"] = stored.Id.ToString(), ["name"] = stored.FileName, ["sha256"] = stored.Sha256 };
                        }
                        catch (UploadRejectedException ex)
                        {
                            problems.Add(input.Key, $"“{input.Label}”：{ex.Message}");
                        }
                    }

                    break;
                case WorkflowInputKind.Section:
                    if (view.Form.Sections.FirstOrDefault(s => s.Key == input.Section) is not { } section)
                    {
                        problems.Add(input.Key, $"申报表中没有“{input.Label}”部分，请联系管理员");
                        break;
                    }

                    var answers = FormAnswers.FromForm(view.Form, [section], n => form[n].Select(v => v ?? "").ToList());
                    postedAnswers ??= view.Application.Answers.DeepClone().AsObject();
                    postedAnswers[section.Key] = answers[section.Key]?.DeepClone();
                    var sectionProblems = FormAnswers.ValidateSection(section, answers).ToList();
                    foreach (var problem in sectionProblems)
                    {
                        problems.Add(input.Key, problem.Message);
                    }

                    if (sectionProblems.Count == 0 && answers[section.Key] is JsonObject filled)
                    {
                        inputs[input.Key] = filled.DeepClone();
                    }

                    break;
                default:
                    inputs[input.Key] = form[name].ToString();
                    break;
            }
        }

        return new ActionInputs(inputs, problems, postedAnswers);
    }
}
