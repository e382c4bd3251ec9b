using System.Text.RegularExpressions;

namespace IpPlatform.Kernel.Modules;

/// <summary>Catches a malformed manifest at start-up instead of in a user's request.</summary>
public static partial class ModuleManifestValidator
{
    [GeneratedRegex("^[a-z][a-z0-9]*(-[a-z0-9]+)*$")]
    private static partial Regex KebabCase();

    public static IReadOnlyList<string> Validate(ProgramModule module)
    {
        var m = module.Manifest;
        var errors = new List<string>();
        if (!KebabCase().IsMatch(m.Id))
        {
            errors.Add($"标识“{m.Id}”须为小写字母、数字和连字符");
        }

        if (string.IsNullOrWhiteSpace(m.Name))
        {
            errors.Add("缺少中文名称");
        }

        if (string.IsNullOrWhiteSpace(m.Seed.File))
        {
            errors.Add("缺少所依据的政策文件");
        }

        return errors;
    }

    public static void ThrowIfInvalid(ProgramModule module)
    {
        var errors = Validate(module);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException($"模块 {module.GetType().FullName} 的清单无效：{string.Join("；", errors)}");
        }
    }
}
