using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IpPlatform.Kernel.Calendar;

public enum CalendarDayKind
{
    /// <summary>A statutory holiday day (法定节假日), not worked even if it falls on a weekday.</summary>
    Holiday,

    /// <summary>A weekend day that is worked (调休上班).</summary>
    Workday,
}

/// <summary>An exception to the Monday–Friday rule, maintained by administrators and seeded by recipe.</summary>
public sealed class CalendarDay
{
    public DateOnly Date { get; set; }

    public CalendarDayKind Kind { get; set; }

    /// <summary>The holiday it belongs to, e.g. 春节.</summary>
    public required string Name { get; set; }
}

internal sealed class CalendarDayConfiguration : IEntityTypeConfiguration<CalendarDay>
{
    public void Configure(EntityTypeBuilder<CalendarDay> e)
    {
        e.ToTable("calendar_days");
        e.HasKey(x => x.Date);
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.Name).HasMaxLength(32);
    }
}
