using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IpPlatform.Kernel.Sanctions;

/// <summary>
/// An organisation barred from applying to a program module — every round of it and every city's copy — until
/// <see cref="EndsOn"/> (its last day), for the reason shown to the applicant. Enforced at the eligibility pre-check,
/// at start and at submit, when an authority includes an organisation, and when an award would be granted. Appended,
/// never changed (the database refuses).
/// </summary>
public sealed class Ban
{
    public Guid Id { get; set; }

    public Guid OrganisationId { get; set; }

    public required string ModuleId { get; set; }

    public required string Reason { get; set; }

    public string? DocumentNumber { get; set; }

    public DateOnly StartsOn { get; set; }

    public DateOnly EndsOn { get; set; }

    public Guid? AwardId { get; set; }

    /// <summary>The authority that imposed it.</summary>
    public required string Authority { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public required string CreatedBy { get; set; }
}

internal sealed class BanConfiguration : IEntityTypeConfiguration<Ban>
{
    public void Configure(EntityTypeBuilder<Ban> e)
    {
        e.ToTable("bans");
        e.HasKey(x => x.Id);
        e.HasIndex(x => new { x.OrganisationId, x.ModuleId, x.EndsOn });
        e.Property(x => x.ModuleId).HasMaxLength(64);
        e.Property(x => x.Reason).HasMaxLength(2000);
        e.Property(x => x.DocumentNumber).HasMaxLength(100);
        e.Property(x => x.Authority).HasMaxLength(6);
        e.Property(x => x.CreatedBy).HasMaxLength(256);
    }
}

public static class Bans
{
    /// <summary>The ban in force today that bars <paramref name="organisationId"/> from <paramref name="moduleId"/> longest, if any.</summary>
    public static Task<Ban?> InForceAsync(this DbContext db, Guid organisationId, string moduleId, DateOnly today, CancellationToken ct) =>
        db.Set<Ban>().AsNoTracking()
            .Where(b => b.OrganisationId == organisationId && b.ModuleId == moduleId && b.StartsOn <= today && b.EndsOn >= today)
            .OrderByDescending(b => b.EndsOn).FirstOrDefaultAsync(ct);
}
