using System.Text.Json;
using System.Text.Json.Nodes;
using IpPlatform.Kernel.Audit;
using IpPlatform.Kernel.Recipes;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Reviews;

/// <summary>
/// Rubrics edited without a redeploy (province policy editors): checked like a recipe entry, saved, audited. A change
/// applies to experts assigned afterwards; sheets already handed out keep the rubric they were given.
/// </summary>
public sealed class RubricService(DbContext db, AuditLog audit, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Readable = new(RecipeStep<Rubric>.Json)
    {
        WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public async Task<IReadOnlyList<RubricRecord>> ListAsync(CancellationToken ct = default) =>
        await db.Set<RubricRecord>().AsNoTracking().OrderBy(r => r.Key).ToListAsync(ct);

    public Task<RubricRecord?> FindAsync(string key, CancellationToken ct = default) =>
        db.Set<RubricRecord>().AsNoTracking().FirstOrDefaultAsync(r => r.Key == key, ct);

    public static string Write(Rubric rubric) => JsonSerializer.Serialize(rubric, Readable);

    /// <param name="basedOn">When the edited rubric was last saved (null for a new one): a newer save in between is not overwritten.</param>
    public async Task<Outcome<RubricRecord>> SaveAsync(string? text, DateTimeOffset? basedOn, string by, CancellationToken ct = default)
    {
        Rubric? rubric;
        try
        {
            rubric = JsonNode.Parse(text ?? "") is JsonObject node ? node.Deserialize<Rubric>(RecipeStep<Rubric>.Json) : null;
        }
        catch (JsonException ex)
        {
            return Outcome<RubricRecord>.Fail("Definition", $"评分标准不是合法的 JSON，或有不认识的属性（{ex.Path?.TrimStart('$', '.')}）");
        }

        if (rubric is null)
        {
            return Outcome<RubricRecord>.Fail("Definition", "评分标准应是一个 JSON 对象");
        }

        var problems = RubricsRecipeStep.Problems(rubric).ToList();
        if (problems.Count > 0)
        {
            var errors = new FieldErrors();
            foreach (var (path, message) in problems)
            {
                errors.Add("Definition", path.Length == 0 ? message : $"“{path}”：{message}");
            }

            return Outcome<RubricRecord>.Fail(errors);
        }

        var stored = await db.Set<RubricRecord>().FirstOrDefaultAsync(r => r.Key == rubric.Key, ct);
        if (stored is not null && (basedOn is not { } seen || seen.UtcTicks / 10 != stored.UpdatedAt.UtcTicks / 10))
        {
            return Outcome<RubricRecord>.Fail("Definition", basedOn is null
                ? $"评分标准“{rubric.Key}”已存在，请打开后修改"
                : "该评分标准在您打开之后已被他人修改，本次未保存；请重新打开后再改（您的内容仍在编辑框中）");
        }

        var now = Workflows.WorkflowHash.Stored(clock.GetUtcNow());
        if (stored is null)
        {
            stored = new RubricRecord { Key = rubric.Key, Definition = rubric, UpdatedAt = now };
            db.Add(stored);
        }
        else
        {
            (stored.Definition, stored.UpdatedAt) = (rubric, now);
        }

        audit.Add("rubric.saved", objectType: "rubric", objectId: rubric.Key,
            details: new JsonObject { ["title"] = rubric.Title, ["items"] = rubric.Items.Count, ["total"] = rubric.Total, ["by"] = by });
        await db.SaveChangesAsync(ct);
        return Outcome<RubricRecord>.Ok(stored);
    }
}
