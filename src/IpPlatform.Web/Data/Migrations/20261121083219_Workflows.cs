using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IpPlatform.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class Workflows : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "notifications",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    organisation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    subject = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    body = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    link = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    read_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    mailed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notifications", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "workflow_instances",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    subject_id = table.Column<Guid>(type: "uuid", nullable: false),
                    workflow_key = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    workflow_version = table.Column<int>(type: "integer", nullable: false),
                    program_id = table.Column<Guid>(type: "uuid", nullable: false),
                    round_id = table.Column<Guid>(type: "uuid", nullable: false),
                    organisation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    organisation_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    city_code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    district_code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: true),
                    owner_authority = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    state = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    phase = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    state_entered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    deadline = table.Column<DateOnly>(type: "date", nullable: true),
                    expiry_action = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    remind_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    reminded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    submitted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_sequence = table.Column<int>(type: "integer", nullable: false),
                    last_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_workflow_instances", x => x.id);
                    table.ForeignKey(
                        name: "fk_workflow_instances_applications_subject_id",
                        column: x => x.subject_id,
                        principalTable: "applications",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "workflow_versions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    key = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    definition = table.Column<string>(type: "jsonb", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_workflow_versions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "workflow_history",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    instance_id = table.Column<Guid>(type: "uuid", nullable: false),
                    sequence = table.Column<int>(type: "integer", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    actor_id = table.Column<Guid>(type: "uuid", nullable: true),
                    actor_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    role = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    authority = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: true),
                    action = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    action_label = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    from_state = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    to_state = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    inputs = table.Column<string>(type: "jsonb", nullable: false),
                    previous_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_workflow_history", x => x.id);
                    table.ForeignKey(
                        name: "fk_workflow_history_workflow_instances_instance_id",
                        column: x => x.instance_id,
                        principalTable: "workflow_instances",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_notifications_created_at",
                table: "notifications",
                column: "created_at",
                filter: "mailed_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_notifications_organisation_id_created_at",
                table: "notifications",
                columns: new[] { "organisation_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_workflow_history_instance_id_sequence",
                table: "workflow_history",
                columns: new[] { "instance_id", "sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_workflow_instances_city_code_state_submitted_at",
                table: "workflow_instances",
                columns: new[] { "city_code", "state", "submitted_at" });

            migrationBuilder.CreateIndex(
                name: "ix_workflow_instances_district_code_state_submitted_at",
                table: "workflow_instances",
                columns: new[] { "district_code", "state", "submitted_at" });

            migrationBuilder.CreateIndex(
                name: "ix_workflow_instances_due_at",
                table: "workflow_instances",
                column: "due_at",
                filter: "expiry_action IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_workflow_instances_owner_authority_state_submitted_at",
                table: "workflow_instances",
                columns: new[] { "owner_authority", "state", "submitted_at" });

            migrationBuilder.CreateIndex(
                name: "ix_workflow_instances_remind_at",
                table: "workflow_instances",
                column: "remind_at",
                filter: "reminded_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_workflow_instances_round_id_phase",
                table: "workflow_instances",
                columns: new[] { "round_id", "phase" });

            migrationBuilder.CreateIndex(
                name: "ix_workflow_instances_state_submitted_at",
                table: "workflow_instances",
                columns: new[] { "state", "submitted_at" });

            migrationBuilder.CreateIndex(
                name: "ix_workflow_instances_subject_id",
                table: "workflow_instances",
                column: "subject_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_workflow_versions_key_version",
                table: "workflow_versions",
                columns: new[] { "key", "version" },
                unique: true);

            // The review history, like the audit log, is append-only: decisions are never rewritten or removed.
            migrationBuilder.Sql("""
                CREATE TRIGGER workflow_history_append_only BEFORE UPDATE OR DELETE ON workflow_history FOR EACH ROW EXECUTE FUNCTION ipp_refuse_change();
                CREATE TRIGGER workflow_history_no_truncate BEFORE TRUNCATE ON workflow_history FOR EACH STATEMENT EXECUTE FUNCTION ipp_refuse_change();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "notifications");

            migrationBuilder.DropTable(
                name: "workflow_history");

            migrationBuilder.DropTable(
                name: "workflow_versions");

            migrationBuilder.DropTable(
                name: "workflow_instances");
        }
    }
}
