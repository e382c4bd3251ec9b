namespace IpPlatform.Kernel.Modules;

/// <summary>The level of government that owns a program module by default.</summary>
public enum OwnerLevel
{
    Province,
    City,
}

public static class OwnerLevelNames
{
    public static string ToChinese(this OwnerLevel level) => level switch
    {
        OwnerLevel.Province => "省级",
        OwnerLevel.City => "市级",
        _ => level.ToString(),
    };
}
