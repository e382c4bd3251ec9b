namespace IpPlatform.Kernel;

/// <summary>Composed texts (a ground's label and a reason, say) kept within a column's limit; the full parts stay in the event's details.</summary>
public static class TextLimit
{
    public static string Clip(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");
}
