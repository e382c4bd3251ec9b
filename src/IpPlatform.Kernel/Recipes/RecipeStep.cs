using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace IpPlatform.Kernel.Recipes;

/// <summary>
/// A step whose body binds to <typeparamref name="TModel"/>. Unknown properties, wrong types and missing required
/// properties are reported with their JSON path before <see cref="Validate"/> sees the model.
/// </summary>
public abstract class RecipeStep<TModel> : IRecipeStep where TModel : class
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        // One spelling per property, and each once: a recipe means exactly what a reader of its JSON sees.
        PropertyNameCaseInsensitive = false,
        AllowDuplicateProperties = false,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };

    public abstract string Name { get; }

    public async ValueTask ValidateAsync(JsonElement step, RecipeValidation validation, CancellationToken ct)
    {
        if (Bind(step, out var error) is { } model)
        {
            await ValidateAsync(model, validation, ct);
        }
        else
        {
            validation.Error(error.Field, error.Message);
        }
    }

    public Task<int> ExecuteAsync(JsonElement step, RecipeExecution execution, CancellationToken ct) =>
        ExecuteAsync(Bind(step, out _) ?? throw new InvalidOperationException("配方步骤未经校验"), execution, ct);

    protected abstract ValueTask ValidateAsync(TModel model, RecipeValidation validation, CancellationToken ct);

    protected abstract Task<int> ExecuteAsync(TModel model, RecipeExecution execution, CancellationToken ct);

    /// <summary>Binds a step's body (its "step" property ignored) exactly as a run would; throws JsonException when it cannot.</summary>
    public static TModel BindStep(JsonObject step)
    {
        var body = (JsonObject)step.DeepClone();
        body.Remove("step");
        return body.Deserialize<TModel>(Json) ?? throw new JsonException("步骤内容为空");
    }

    private static TModel? Bind(JsonElement step, out (string Field, string Message) error)
    {
        error = default;
        var body = JsonObject.Create(step)!;
        body.Remove("step");
        try
        {
            var model = body.Deserialize<TModel>(Json);
            if (model is null)
            {
                error = ("", "步骤内容为空");
            }

            return model;
        }
        catch (JsonException ex)
        {
            error = (FieldOf(ex.Path), DescribeJsonError(ex));
            return null;
        }
    }

    private static string FieldOf(string? path) => (path ?? "").TrimStart('$').TrimStart('.');

    private static string DescribeJsonError(JsonException ex)
    {
        var message = ex.Message;
        if (message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            return "不认识的属性（请检查拼写）";
        }

        if (message.Contains("missing required properties", StringComparison.Ordinal))
        {
            var missing = message[(message.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim().TrimEnd('.');
            return $"缺少必填属性：{missing}";
        }

        if (message.Contains("null", StringComparison.OrdinalIgnoreCase) && message.Contains("non-nullable", StringComparison.OrdinalIgnoreCase))
        {
            return "不能为 null";
        }

        return "值的类型或格式不正确";
    }
}
