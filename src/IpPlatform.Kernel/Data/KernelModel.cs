using System.Text.Json;
using System.Text.Json.Nodes;
using IpPlatform.Kernel.Applications;
using IpPlatform.Kernel.Audit;
using IpPlatform.Kernel.Authorities;
using IpPlatform.Kernel.Files;
using IpPlatform.Kernel.Forms;
using IpPlatform.Kernel.Calendar;
using IpPlatform.Kernel.Content;
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
        // Entities configured beside themselves (IEntityTypeConfiguration in the kernel assembly).
        model.ApplyConfigurationsFromAssembly(typeof(KernelModel).Assembly);

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

        model.Entity<ContentTypeDefinition>(e =>
        {
            e.ToTable("content_types");
            e.HasKey(x => x.Name);
            e.Property(x => x.Name).HasMaxLength(64);
            e.Property(x => x.DisplayName).HasMaxLength(64);
            e.Property(x => x.Fields).HasColumnType("jsonb").HasConversion(JsonConverter<List<ContentFieldDefinition>>(), ListComparer<ContentFieldDefinition>());
        });

        model.Entity<ContentItem>(e =>
        {
            e.ToTable("content_items");
            e.HasKey(x => x.Id);
            e.Property(x => x.Type).HasMaxLength(64);
            e.HasOne<ContentTypeDefinition>().WithMany().HasForeignKey(x => x.Type).OnDelete(DeleteBehavior.Restrict);
            e.Property(x => x.OwnerAuthority).HasMaxLength(16);
            e.HasOne<Authority>().WithMany().HasForeignKey(x => x.OwnerAuthority).OnDelete(DeleteBehavior.Restrict);
            e.Property(x => x.PublishedTitle).HasMaxLength(300);
            e.Property(x => x.PublishedProgram).HasMaxLength(64);
            e.Property(x => x.PublishedRound).HasMaxLength(64);
            e.Property(x => x.RecipeKey).HasMaxLength(128);
            e.HasIndex(x => x.RecipeKey).IsUnique().HasFilter("recipe_key IS NOT NULL");
            e.Property(x => x.RowVersion).HasColumnName("xmin").HasColumnType("xid").ValueGeneratedOnAddOrUpdate().IsConcurrencyToken();
            // Public listings: published items of a type, newest first.
            e.HasIndex(x => new { x.Type, x.PublishedDate, x.FirstPublishedAt }).HasFilter("published_version IS NOT NULL")
                .IsDescending(false, true, true).HasDatabaseName("ix_content_items_published");
            e.HasIndex(x => new { x.Type, x.OwnerAuthority, x.UpdatedAt });
        });

        model.Entity<ContentVersion>(e =>
        {
            e.ToTable("content_versions");
            e.HasKey(x => x.Id);
            e.HasOne<ContentItem>().WithMany().HasForeignKey(x => x.ItemId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => new { x.ItemId, x.Number }).IsUnique();
            e.Property(x => x.Title).HasMaxLength(300);
            e.Property(x => x.CreatedByName).HasMaxLength(256);
            e.Property(x => x.Body).HasColumnType("jsonb").HasConversion(JsonObjectConverter, JsonObjectComparer);
        });

        model.Entity<ContentSchedule>(e =>
        {
            e.ToTable("content_schedules");
            e.HasKey(x => x.Id);
            e.HasOne<ContentItem>().WithMany().HasForeignKey(x => x.ItemId).OnDelete(DeleteBehavior.Cascade);
            e.Property(x => x.Action).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            e.HasIndex(x => new { x.Status, x.DueAt });
        });

        model.Entity<Round>(e =>
        {
            e.ToTable("rounds");
            e.HasKey(x => x.Id);
            e.Property(x => x.Key).HasMaxLength(64);
            e.HasIndex(x => x.Key).IsUnique();
            e.HasOne<ProgramInstance>().WithMany().HasForeignKey(x => x.ProgramId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => new { x.ProgramId, x.Year });
            e.Property(x => x.Title).HasMaxLength(Round.MaxTitleLength);
            e.Property(x => x.FormVersion).HasMaxLength(64);
            e.Property(x => x.WorkflowVersion).HasMaxLength(64);
            e.Property(x => x.BeforeOpenText).HasMaxLength(Round.MaxTextLength);
            e.Property(x => x.AfterCloseText).HasMaxLength(Round.MaxTextLength);
            e.Property(x => x.Milestones).HasColumnType("jsonb").HasConversion(JsonConverter<List<Milestone>>(), ListComparer<Milestone>());
        });

        model.Entity<FormVersion>(e =>
        {
            e.ToTable("form_versions");
            e.HasKey(x => x.Id);
            e.Property(x => x.Key).HasMaxLength(128);
            e.HasIndex(x => new { x.Key, x.Version }).IsUnique();
            e.Property(x => x.Title).HasMaxLength(200);
            e.Property(x => x.CreatedBy).HasMaxLength(256);
            e.Property(x => x.Definition).HasColumnType("jsonb").HasConversion(
                v => JsonSerializer.Serialize(v, FormStore.Json),
                v => JsonSerializer.Deserialize<FormDefinition>(v, FormStore.Json)!,
                new ValueComparer<FormDefinition>((a, b) => FormStore.Same(a!, b!), v => v.Key.GetHashCode(StringComparison.Ordinal), v => v));
            e.Ignore(x => x.Reference);
        });

        model.Entity<Application>(e =>
        {
            e.ToTable("applications");
            e.HasKey(x => x.Id);
            e.HasOne<Round>().WithMany().HasForeignKey(x => x.RoundId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<ProgramInstance>().WithMany().HasForeignKey(x => x.ProgramId).OnDelete(DeleteBehavior.Restrict);
            // One application per organisation and round; obligations are many per award.
            e.HasIndex(x => new { x.RoundId, x.OrganisationId }).IsUnique().HasFilter("kind = 'Application'");
            e.HasIndex(x => new { x.OrganisationId, x.UpdatedAt });
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16).HasDefaultValue(ApplicationKind.Application).HasSentinel(ApplicationKind.Application);
            e.HasIndex(x => new { x.AwardId, x.ObligationKey, x.PeriodLabel }).IsUnique().HasFilter("award_id IS NOT NULL");
            e.Property(x => x.ObligationKey).HasMaxLength(64);
            e.Property(x => x.PeriodLabel).HasMaxLength(64);
            e.Property(x => x.FormKey).HasMaxLength(128);
            e.Property(x => x.Variant).HasMaxLength(64);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.Answers).HasColumnType("jsonb").HasConversion(JsonObjectConverter, JsonObjectComparer);
            e.Property(x => x.Declarations).HasColumnType("jsonb").HasConversion(JsonConverter<List<string>>(), ListComparer<string>());
            e.Property(x => x.RowVersion).HasColumnName("xmin").HasColumnType("xid").ValueGeneratedOnAddOrUpdate().IsConcurrencyToken();
        });

        model.Entity<ApplicationFile>(e =>
        {
            e.ToTable("application_files");
            e.HasKey(x => x.Id);
            e.HasOne<Application>().WithMany().HasForeignKey(x => x.ApplicationId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<StoredFile>().WithMany().HasForeignKey(x => x.FileId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => new { x.ApplicationId, x.Slot });
            e.Property(x => x.Slot).HasMaxLength(64);
            e.Property(x => x.FileName).HasMaxLength(256);
            e.Property(x => x.Sha256).HasMaxLength(64);
        });

        model.Entity<ApplicationSubmission>(e =>
        {
            e.ToTable("application_submissions");
            e.HasKey(x => x.Id);
            e.HasOne<Application>().WithMany().HasForeignKey(x => x.ApplicationId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => new { x.ApplicationId, x.Number }).IsUnique();
            e.Property(x => x.Answers).HasColumnType("jsonb").HasConversion(JsonObjectConverter, JsonObjectComparer);
            e.Property(x => x.Files).HasColumnType("jsonb").HasConversion(JsonObjectConverter, JsonObjectComparer);
            e.Property(x => x.Declarations).HasColumnType("jsonb").HasConversion(JsonConverter<List<string>>(), ListComparer<string>());
        });

        model.Entity<Workflows.WorkflowVersion>(e =>
        {
            e.ToTable("workflow_versions");
            e.HasKey(x => x.Id);
            e.Property(x => x.Key).HasMaxLength(128);
            e.HasIndex(x => new { x.Key, x.Version }).IsUnique();
            e.Property(x => x.CreatedBy).HasMaxLength(256);
            e.Property(x => x.Definition).HasColumnType("jsonb").HasConversion(
                v => JsonSerializer.Serialize(v, Workflows.WorkflowStore.Json),
                v => JsonSerializer.Deserialize<Workflows.WorkflowDefinition>(v, Workflows.WorkflowStore.Json)!,
                new ValueComparer<Workflows.WorkflowDefinition>((a, b) => Workflows.WorkflowStore.Same(a!, b!), v => v.Key.GetHashCode(StringComparison.Ordinal), v => v));
            e.Ignore(x => x.Reference);
        });

        model.Entity<Workflows.WorkflowInstance>(e =>
        {
            e.ToTable("workflow_instances");
            e.HasKey(x => x.Id);
            e.HasOne<Application>().WithOne().HasForeignKey<Workflows.WorkflowInstance>(x => x.SubjectId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => x.SubjectId).IsUnique();
            e.Property(x => x.WorkflowKey).HasMaxLength(128);
            e.Property(x => x.OrganisationName).HasMaxLength(200);
            e.Property(x => x.CityCode).HasMaxLength(6);
            e.Property(x => x.DistrictCode).HasMaxLength(6);
            e.Property(x => x.OwnerAuthority).HasMaxLength(6);
            e.Property(x => x.State).HasMaxLength(64);
            e.Property(x => x.Phase).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16).HasDefaultValue(ApplicationKind.Application).HasSentinel(ApplicationKind.Application);
            e.Property(x => x.ExpiryAction).HasMaxLength(64);
            e.Property(x => x.LastHash).HasMaxLength(64);
            e.Property(x => x.RowVersion).HasColumnName("xmin").HasColumnType("xid").ValueGeneratedOnAddOrUpdate().IsConcurrencyToken();
            e.Ignore(x => x.Reference);
            // Queues: by scope column and state, newest submissions first; timers: due ones.
            e.HasIndex(x => new { x.CityCode, x.State, x.SubmittedAt });
            e.HasIndex(x => new { x.DistrictCode, x.State, x.SubmittedAt });
            e.HasIndex(x => new { x.OwnerAuthority, x.State, x.SubmittedAt });
            e.HasIndex(x => new { x.State, x.SubmittedAt });
            e.HasIndex(x => x.SubmittedAt);
            e.HasIndex(x => x.DueAt).HasFilter("expiry_action IS NOT NULL");
            e.HasIndex(x => x.RemindAt).HasFilter("reminded_at IS NULL");
            e.HasIndex(x => new { x.RoundId, x.Phase });
            // Obligations are listed to staff before they are filed (due, overdue): by scope column and due date.
            e.HasIndex(x => new { x.CityCode, x.DueAt }).HasFilter("kind = 'Obligation'");
            e.Property(x => x.Listed).HasComputedColumnSql("submitted_at IS NOT NULL OR kind = 'Obligation'", stored: true);
            // The queue's counts by chain, state and scope: an index-only scan, grouped in index order (no hashing).
            e.HasIndex(x => new { x.WorkflowKey, x.WorkflowVersion, x.State, x.CityCode, x.DistrictCode, x.OwnerAuthority })
                .HasFilter("listed").HasDatabaseName("ix_workflow_instances_queue_counts");
        });

        model.Entity<Workflows.WorkflowHistoryEntry>(e =>
        {
            e.ToTable("workflow_history");
            e.HasKey(x => x.Id);
            e.HasOne<Workflows.WorkflowInstance>().WithMany().HasForeignKey(x => x.InstanceId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => new { x.InstanceId, x.Sequence }).IsUnique();
            e.Property(x => x.ActorName).HasMaxLength(256);
            e.Property(x => x.Role).HasMaxLength(32);
            e.Property(x => x.Authority).HasMaxLength(6);
            e.Property(x => x.Action).HasMaxLength(64);
            e.Property(x => x.ActionLabel).HasMaxLength(64);
            e.Property(x => x.FromState).HasMaxLength(64);
            e.Property(x => x.ToState).HasMaxLength(64);
            e.Property(x => x.Inputs).HasColumnType("jsonb").HasConversion(JsonObjectConverter, JsonObjectComparer);
            e.Property(x => x.PreviousHash).HasMaxLength(64);
            e.Property(x => x.Hash).HasMaxLength(64);
        });

        model.Entity<Reviews.RubricRecord>(e =>
        {
            e.ToTable("rubrics");
            e.HasKey(x => x.Key);
            e.Property(x => x.Key).HasMaxLength(128);
            e.Property(x => x.Definition).HasColumnType("jsonb").HasConversion(RubricConverter, RubricComparer);
        });

        model.Entity<Reviews.ExpertAssignment>(e =>
        {
            e.ToTable("expert_assignments");
            e.HasKey(x => x.Id);
            e.HasOne<Application>().WithMany().HasForeignKey(x => x.ApplicationId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => new { x.ApplicationId, x.ExpertId }).IsUnique();
            e.HasIndex(x => new { x.ExpertId, x.AssignedAt });
            e.Property(x => x.ExpertName).HasMaxLength(256);
            e.Property(x => x.Rubric).HasColumnType("jsonb").HasConversion(RubricConverter, RubricComparer);
            e.Property(x => x.State).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.DeclineReason).HasMaxLength(1000);
            e.Property(x => x.Scores).HasColumnType("jsonb").HasConversion(JsonObjectConverter, JsonObjectComparer);
            e.Property(x => x.Total).HasPrecision(7, 2);
            e.Property(x => x.RowVersion).HasColumnName("xmin").HasColumnType("xid").ValueGeneratedOnAddOrUpdate().IsConcurrencyToken();
        });

        model.Entity<Publicity.PublicNotice>(e =>
        {
            e.ToTable("public_notices");
            e.HasKey(x => x.Id);
            e.Property(x => x.Title).HasMaxLength(200);
            e.Property(x => x.OwnerAuthority).HasMaxLength(6);
            e.Property(x => x.Intro).HasMaxLength(4000);
            e.Property(x => x.State).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.RowVersion).HasColumnName("xmin").HasColumnType("xid").ValueGeneratedOnAddOrUpdate().IsConcurrencyToken();
            e.HasIndex(x => new { x.State, x.EndDate });
            e.HasIndex(x => x.StartDate);
        });

        model.Entity<Publicity.PublicNoticeEntry>(e =>
        {
            e.ToTable("public_notice_entries");
            e.HasKey(x => x.Id);
            e.HasOne<Publicity.PublicNotice>().WithMany().HasForeignKey(x => x.PublicNoticeId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Application>().WithMany().HasForeignKey(x => x.ApplicationId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => new { x.PublicNoticeId, x.ApplicationId }).IsUnique();
            e.HasIndex(x => x.ApplicationId);
            e.Property(x => x.OrganisationName).HasMaxLength(200);
            e.Property(x => x.WithdrawnReason).HasMaxLength(2000);
        });

        model.Entity<Publicity.Objection>(e =>
        {
            e.ToTable("objections");
            e.HasKey(x => x.Id);
            e.HasOne<Publicity.PublicNotice>().WithMany().HasForeignKey(x => x.PublicNoticeId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => new { x.PublicNoticeId, x.State });
            e.Property(x => x.RealName).HasMaxLength(50);
            e.Property(x => x.OnBehalfOf).HasMaxLength(200);
            e.Property(x => x.Phone).HasMaxLength(20);
            e.Property(x => x.Email).HasMaxLength(256);
            e.Property(x => x.Text).HasMaxLength(5000);
            e.Property(x => x.Evidence).HasColumnType("jsonb").HasConversion(JsonArrayConverter, JsonArrayComparer);
            e.Property(x => x.State).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.Decision).HasMaxLength(2000);
            e.Property(x => x.RowVersion).HasColumnName("xmin").HasColumnType("xid").ValueGeneratedOnAddOrUpdate().IsConcurrencyToken();
        });

        model.Entity<Notifications.Notification>(e =>
        {
            e.ToTable("notifications");
            e.HasKey(x => x.Id);
            e.Property(x => x.Subject).HasMaxLength(200);
            e.Property(x => x.Body).HasMaxLength(4000);
            e.Property(x => x.Link).HasMaxLength(512);
            e.HasIndex(x => new { x.OrganisationId, x.CreatedAt });
            e.HasIndex(x => x.CreatedAt).HasFilter("mailed_at IS NULL");
        });

        model.Entity<ModuleEligibility>(e =>
        {
            e.ToTable("eligibility_rules");
            e.HasKey(x => x.ModuleId);
            e.Property(x => x.ModuleId).HasMaxLength(64);
            e.Property(x => x.Rules).HasColumnType("jsonb").HasConversion(JsonConverter<List<EligibilityRule>>(), ListComparer<EligibilityRule>());
        });

        model.Entity<RecipeEntryMark>(e =>
        {
            e.ToTable("recipe_entry_marks");
            e.HasKey(x => new { x.Source, x.Step, x.Key });
            e.Property(x => x.Source).HasMaxLength(512);
            e.Property(x => x.Step).HasMaxLength(64);
            e.Property(x => x.Key).HasMaxLength(256);
            e.Property(x => x.Sha256).HasMaxLength(64);
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

    private static readonly JsonSerializerOptions DocumentJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private static ValueConverter<T, string> JsonConverter<T>() where T : new() => new(
        v => JsonSerializer.Serialize(v, DocumentJson),
        v => JsonSerializer.Deserialize<T>(v, DocumentJson) ?? new T());

    private static readonly ValueConverter<Reviews.Rubric, string> RubricConverter = new(
        v => JsonSerializer.Serialize(v, DocumentJson),
        v => JsonSerializer.Deserialize<Reviews.Rubric>(v, DocumentJson)!);

    /// <summary>Rubrics are replaced, never changed in place: compared by their JSON.</summary>
    private static readonly ValueComparer<Reviews.Rubric> RubricComparer = new(
        (a, b) => JsonSerializer.Serialize(a, DocumentJson) == JsonSerializer.Serialize(b, DocumentJson),
        v => v.Key.GetHashCode(StringComparison.Ordinal),
        v => v);

    private static ValueComparer<List<T>> ListComparer<T>() => new(
        (a, b) => a!.SequenceEqual(b!),
        v => v.Aggregate(0, (h, x) => HashCode.Combine(h, x)),
        v => v.ToList());

    /// <summary>Chinese text is written as is, not as \u escapes: a third of the bytes to write and send (never rendered as HTML).</summary>
    private static readonly JsonSerializerOptions StoredJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A JSON document (object or array) to and from its text; compared by content, snapshotted by copy.</summary>
    private static ValueConverter<T, string> NodeConverter<T>() where T : JsonNode => new(
        v => v.ToJsonString(StoredJson),
        v => (T)JsonNode.Parse(v, null, default)!);

    private static ValueComparer<T> NodeComparer<T>() where T : JsonNode => new(
        (a, b) => JsonNode.DeepEquals(a, b),
        v => v.ToJsonString(StoredJson).GetHashCode(StringComparison.Ordinal),
        v => (T)JsonNode.Parse(v.ToJsonString(StoredJson), null, default)!);

    private static readonly ValueConverter<JsonArray, string> JsonArrayConverter = NodeConverter<JsonArray>();

    private static readonly ValueComparer<JsonArray> JsonArrayComparer = NodeComparer<JsonArray>();

    internal static readonly ValueConverter<JsonObject, string> JsonObjectConverter = NodeConverter<JsonObject>();

    internal static readonly ValueConverter<JsonObject?, string?> NullableJsonObjectConverter = new(
        v => v == null ? null : v.ToJsonString(StoredJson),
        v => v == null ? null : JsonNode.Parse(v, null, default)!.AsObject());

    internal static readonly ValueComparer<JsonObject?> NullableJsonObjectComparer = new(
        (a, b) => JsonNode.DeepEquals(a, b),
        v => v == null ? 0 : v.ToJsonString(StoredJson).GetHashCode(StringComparison.Ordinal),
        v => v == null ? null : JsonNode.Parse(v.ToJsonString(StoredJson), null, default)!.AsObject());

    internal static readonly ValueComparer<JsonObject> JsonObjectComparer = NodeComparer<JsonObject>();
}
