using System.ComponentModel.DataAnnotations;

namespace IpPlatform.Kernel.Modules;

/// <summary>A numeric module setting's bounds, with the Chinese message settings validation shows.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SettingRangeAttribute : RangeAttribute
{
    public SettingRangeAttribute(int minimum, int maximum)
        : base(minimum, maximum) => ErrorMessage = "应在 {1} 到 {2} 之间";
}
