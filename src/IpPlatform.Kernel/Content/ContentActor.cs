namespace IpPlatform.Kernel.Content;

/// <summary>Who acts on content: an editor, or the scheduler acting for the editor who scheduled.</summary>
public sealed record ContentActor(Guid? Id, string Name);
