using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IpPlatform.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class Awards : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_applications_round_id_organisation_id",
                table: "applications");

            migrationBuilder.AddColumn<string>(
                name: "kind",
                table: "workflow_instances",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "Application");

            migrationBuilder.AddColumn<Guid>(
                name: "award_id",
                table: "applications",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "due_on",
                table: "applications",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "kind",
                table: "applications",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "Application");

            migrationBuilder.AddColumn<string>(
                name: "obligation_key",
                table: "applications",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "opens_on",
                table: "applications",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "period_label",
                table: "applications",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "awards",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    program_id = table.Column<Guid>(type: "uuid", nullable: false),
                    round_id = table.Column<Guid>(type: "uuid", nullable: false),
                    application_id = table.Column<Guid>(type: "uuid", nullable: false),
                    organisation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    organisation_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    credit_code = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: true),
                    joint_applicant = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    city_code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    district_code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: true),
                    owner_authority = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    document_number = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    start_date = table.Column<DateOnly>(type: "date", nullable: false),
                    period_kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    period_label = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    end_date = table.Column<DateOnly>(type: "date", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    funds_granted = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: true),
                    funds_disbursed = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: true),
                    funds_clawed_back = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: true),
                    clawback_computation = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    directory = table.Column<string>(type: "jsonb", nullable: false),
                    renewals = table.Column<int>(type: "integer", nullable: false),
                    end_reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_sequence = table.Column<int>(type: "integer", nullable: false),
                    last_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_awards", x => x.id);
                    table.ForeignKey(
                        name: "fk_awards_applications_application_id",
                        column: x => x.application_id,
                        principalTable: "applications",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_awards_programs_program_id",
                        column: x => x.program_id,
                        principalTable: "programs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_awards_rounds_round_id",
                        column: x => x.round_id,
                        principalTable: "rounds",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "bans",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    organisation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    module_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    document_number = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    starts_on = table.Column<DateOnly>(type: "date", nullable: false),
                    ends_on = table.Column<DateOnly>(type: "date", nullable: false),
                    award_id = table.Column<Guid>(type: "uuid", nullable: true),
                    authority = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_bans", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "credit_records",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    organisation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    module_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    program_id = table.Column<Guid>(type: "uuid", nullable: true),
                    award_id = table.Column<Guid>(type: "uuid", nullable: true),
                    stage = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    authority = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_credit_records", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "module_awards",
                columns: table => new
                {
                    module_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    declaration = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_module_awards", x => x.module_id);
                });

            migrationBuilder.CreateTable(
                name: "award_events",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    award_id = table.Column<Guid>(type: "uuid", nullable: false),
                    sequence = table.Column<int>(type: "integer", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    actor_id = table.Column<Guid>(type: "uuid", nullable: true),
                    actor_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    authority = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: true),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    label = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    details = table.Column<string>(type: "jsonb", nullable: false),
                    previous_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_award_events", x => x.id);
                    table.ForeignKey(
                        name: "fk_award_events_awards_award_id",
                        column: x => x.award_id,
                        principalTable: "awards",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_workflow_instances_city_code_due_at",
                table: "workflow_instances",
                columns: new[] { "city_code", "due_at" },
                filter: "kind = 'Obligation'");

            migrationBuilder.CreateIndex(
                name: "ix_applications_award_id_obligation_key_period_label",
                table: "applications",
                columns: new[] { "award_id", "obligation_key", "period_label" },
                unique: true,
                filter: "award_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_applications_round_id_organisation_id",
                table: "applications",
                columns: new[] { "round_id", "organisation_id" },
                unique: true,
                filter: "kind = 'Application'");

            migrationBuilder.CreateIndex(
                name: "ix_award_events_award_id_sequence",
                table: "award_events",
                columns: new[] { "award_id", "sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_awards_application_id",
                table: "awards",
                column: "application_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_awards_city_code_status",
                table: "awards",
                columns: new[] { "city_code", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_awards_organisation_id_status",
                table: "awards",
                columns: new[] { "organisation_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_awards_program_id_status",
                table: "awards",
                columns: new[] { "program_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_awards_round_id",
                table: "awards",
                column: "round_id");

            migrationBuilder.CreateIndex(
                name: "ix_awards_status_end_date",
                table: "awards",
                columns: new[] { "status", "end_date" });

            migrationBuilder.CreateIndex(
                name: "ix_bans_organisation_id_module_id_ends_on",
                table: "bans",
                columns: new[] { "organisation_id", "module_id", "ends_on" });

            migrationBuilder.CreateIndex(
                name: "ix_credit_records_organisation_id_recorded_at",
                table: "credit_records",
                columns: new[] { "organisation_id", "recorded_at" });

            // An award's history and the credit records are evidence: appended, never changed (as the review history).
            migrationBuilder.Sql("""
                CREATE TRIGGER award_events_append_only BEFORE UPDATE OR DELETE ON award_events FOR EACH ROW EXECUTE FUNCTION ipp_refuse_change();
                CREATE TRIGGER award_events_no_truncate BEFORE TRUNCATE ON award_events FOR EACH STATEMENT EXECUTE FUNCTION ipp_refuse_change();
                CREATE TRIGGER credit_records_append_only BEFORE UPDATE OR DELETE ON credit_records FOR EACH ROW EXECUTE FUNCTION ipp_refuse_change();
                CREATE TRIGGER credit_records_no_truncate BEFORE TRUNCATE ON credit_records FOR EACH STATEMENT EXECUTE FUNCTION ipp_refuse_change();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS award_events_append_only ON award_events;
                DROP TRIGGER IF EXISTS award_events_no_truncate ON award_events;
                DROP TRIGGER IF EXISTS credit_records_append_only ON credit_records;
                DROP TRIGGER IF EXISTS credit_records_no_truncate ON credit_records;
                """);

            migrationBuilder.DropTable(
                name: "award_events");

            migrationBuilder.DropTable(
                name: "bans");

            migrationBuilder.DropTable(
                name: "credit_records");

            migrationBuilder.DropTable(
                name: "module_awards");

            migrationBuilder.DropTable(
                name: "awards");

            migrationBuilder.DropIndex(
                name: "ix_workflow_instances_city_code_due_at",
                table: "workflow_instances");

            migrationBuilder.DropIndex(
                name: "ix_applications_award_id_obligation_key_period_label",
                table: "applications");

            migrationBuilder.DropIndex(
                name: "ix_applications_round_id_organisation_id",
                table: "applications");

            migrationBuilder.DropColumn(
                name: "kind",
                table: "workflow_instances");

            migrationBuilder.DropColumn(
                name: "award_id",
                table: "applications");

            migrationBuilder.DropColumn(
                name: "due_on",
                table: "applications");

            migrationBuilder.DropColumn(
                name: "kind",
                table: "applications");

            migrationBuilder.DropColumn(
                name: "obligation_key",
                table: "applications");

            migrationBuilder.DropColumn(
                name: "opens_on",
                table: "applications");

            migrationBuilder.DropColumn(
                name: "period_label",
                table: "applications");

            migrationBuilder.CreateIndex(
                name: "ix_applications_round_id_organisation_id",
                table: "applications",
                columns: new[] { "round_id", "organisation_id" },
                unique: true);
        }
    }
}
