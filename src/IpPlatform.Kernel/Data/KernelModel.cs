using System.Text.Json;
using System.Text.Json.Nodes;
using IpPlatform.Kernel.Audit;
using IpPlatform.Kernel.Authorities;
using IpPlatform.Kernel.Files;
using IpPlatform.Kernel.Calendar;
using IpPlatform.Kernel.Programs;
using IpPlatform.Kernel.Recipes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace IpPlatform.Kernel.Data;

/// <summary>The kernel's tables. The host's DbContext applies this, Identity's model and each module's.</summary>
public static class KernelModel
{
    public static void Configure(ModelBuilder model)
    {
        model.Entity<Authority>(e =>
        {
            e.ToTable("authorities");
            e.HasKey(x => x.Code);
            e.Property(x => x.Code).HasMaxLength(16);
            e.Property(x => x.Name).HasMaxLength(64);
            e.Property(x => x.Agency).HasMaxLength(128);
            e.Property(x => x.Level).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.ParentCode).HasMaxLength(16);
            e.HasOne<Authority>().WithMany().HasForeignKey(x => x.ParentCode).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => x.ParentCode);
        });

        model.Entity<CalendarDay>(e =>
        {
            e.ToTable("calendar_days");
            e.HasKey(x => x.Date);
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.Name).HasMaxLength(32);
        });

        model.Entity<ProgramInstance>(e =>
        {
            e.ToTable("programs");
            e.HasKey(x => x.Id);
            e.Property(x => x.Slug).HasMaxLength(64);
            e.HasIndex(x => x.Slug).IsUnique();
            e.Property(x => x.ModuleId).HasMaxLength(64);
            e.HasIndex(x => x.ModuleId);
            e.Property(x => x.OwnerAuthorityCode).HasMaxLength(16);
            e.HasOne<Authority>().WithMany().HasForeignKey(x => x.OwnerAuthorityCode).OnDelete(DeleteBehavior.Restrict);
            e.Property(x => x.Name).HasMaxLength(128);
            e.Property(x => x.Settings).HasColumnType("jsonb").HasConversion(JsonObjectConverter, JsonObjectComparer);
        });

        model.Entity<AuditEntry>(e =>
        {
            e.ToTable("audit_log");
            e.HasKey(x => x.Id);
            e.Property(x => x.ActorName).HasMaxLength(256);
            e.Property(x => x.Ip).HasMaxLength(45);
            e.Property(x => x.Event).HasMaxLength(64);
            e.Property(x => x.Outcome).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.ObjectType).HasMaxLength(64);
            e.Property(x => x.ObjectId).HasMaxLength(64);
            e.Property(x => x.Details).HasColumnType("jsonb").HasConversion(NullableJsonObjectConverter, NullableJsonObjectComparer);
            e.HasIndex(x => x.At);
            e.HasIndex(x => new { x.ObjectType, x.ObjectId });
            e.HasIndex(x => new { x.ActorId, x.At });
        });

        model.Entity<StoredFile>(e =>
        {
            e.ToTable("stored_files");
            e.HasKey(x => x.Id);
            e.Property(x => x.Sha256).HasMaxLength(64).IsFixedLength();
            e.Property(x => x.ContentType).HasMaxLength(128);
            e.Property(x => x.FileName).HasMaxLength(256);
            e.HasIndex(x => x.Sha256);
        });

        model.Entity<RecipeRun>(e =>
        {
            e.ToTable("recipe_runs");
            e.HasKey(x => x.Id);
            e.Property(x => x.Source).HasMaxLength(512);
            e.Property(x => x.RecipeName).HasMaxLength(128);
            e.Property(x => x.Sha256).HasMaxLength(64);
        });
    }

    internal static readonly ValueConverter<JsonObject, string> JsonObjectConverter = new(
        v => v.ToJsonString((JsonSerializerOptions?)null),
        v => JsonNode.Parse(v, null, default)!.AsObject());

    internal static readonly ValueConverter<JsonObject?, string?> NullableJsonObjectConverter = new(
        v => v == null ? null : v.ToJsonString((JsonSerializerOptions?)null),
        v => v == null ? null : JsonNode.Parse(v, null, default)!.AsObject());

    internal static readonly ValueComparer<JsonObject?> NullableJsonObjectComparer = new(
        (a, b) => JsonNode.DeepEquals(a, b),
        v => v == null ? 0 : v.ToJsonString((JsonSerializerOptions?)null).GetHashCode(StringComparison.Ordinal),
        v => v == null ? null : JsonNode.Parse(v.ToJsonString((JsonSerializerOptions?)null), null, default)!.AsObject());

    internal static readonly ValueComparer<JsonObject> JsonObjectComparer = new(
        (a, b) => JsonNode.DeepEquals(a, b),
        v => v.ToJsonString((JsonSerializerOptions?)null).GetHashCode(StringComparison.Ordinal),
        v => JsonNode.Parse(v.ToJsonString((JsonSerializerOptions?)null), null, default)!.AsObject());
}
