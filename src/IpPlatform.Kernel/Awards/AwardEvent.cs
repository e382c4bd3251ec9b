using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using IpPlatform.Kernel.Workflows;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IpPlatform.Kernel.Awards;

/// <summary>
/// One step of an award's life (made, document recorded, funds changed, status changed, renewed, revoked, claw-back,
/// directory changed): who, when, what, with its details. Append-only (the database refuses UPDATE, DELETE and
/// TRUNCATE) and hash-chained per award like the review history.
/// </summary>
public sealed class AwardEvent
{
    public Guid Id { get; set; }

    public Guid AwardId { get; set; }

    public int Sequence { get; set; }

    public DateTimeOffset At { get; set; }

    public Guid? ActorId { get; set; }

    public required string ActorName { get; set; }

    public string? Authority { get; set; }

    public required string Kind { get; set; }

    /// <summary>What happened, in Chinese, as the award's page shows it.</summary>
    public required string Label { get; set; }

    public JsonObject Details { get; set; } = [];

    public required string PreviousHash { get; set; }

    public required string Hash { get; set; }

    public string ComputeHash() => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n',
        AwardId.ToString("D"), Sequence.ToString(CultureInfo.InvariantCulture), At.UtcTicks.ToString(CultureInfo.InvariantCulture),
        ActorId?.ToString("D") ?? "", ActorName, Authority ?? "", Kind, Label, WorkflowHash.OfDocument(Details), PreviousHash))));

    /// <summary>The next event of <paramref name="award"/> (its chain moved on), to be added to the unit of work.</summary>
    public static AwardEvent Next(Award award, WorkflowActor actor, string? authority, string kind, string label, JsonObject details, DateTimeOffset at)
    {
        var e = new AwardEvent
        {
            Id = Guid.CreateVersion7(), AwardId = award.Id, Sequence = award.LastSequence + 1, At = WorkflowHash.Stored(at), ActorId = actor.UserId,
            ActorName = actor.Name, Authority = authority, Kind = kind, Label = TextLimit.Clip(label, 200), Details = details,
            PreviousHash = award.LastSequence == 0 ? WorkflowHash.Genesis : award.LastHash, Hash = "",
        };
        e.Hash = e.ComputeHash();
        (award.LastSequence, award.LastHash, award.UpdatedAt) = (e.Sequence, e.Hash, e.At);
        return e;
    }
}

internal sealed class AwardEventConfiguration : IEntityTypeConfiguration<AwardEvent>
{
    public void Configure(EntityTypeBuilder<AwardEvent> e)
    {
        e.ToTable("award_events");
        e.HasKey(x => x.Id);
        e.HasOne<Award>().WithMany().HasForeignKey(x => x.AwardId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.AwardId, x.Sequence }).IsUnique();
        e.Property(x => x.ActorName).HasMaxLength(256);
        e.Property(x => x.Authority).HasMaxLength(6);
        e.Property(x => x.Kind).HasMaxLength(32);
        e.Property(x => x.Label).HasMaxLength(200);
        e.Property(x => x.Details).HasColumnType("jsonb").HasConversion(Data.JsonColumns.JsonObjectConverter, Data.JsonColumns.JsonObjectComparer);
        e.Property(x => x.PreviousHash).HasMaxLength(64);
        e.Property(x => x.Hash).HasMaxLength(64);
    }
}
