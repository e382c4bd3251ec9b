using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IpPlatform.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class ExpertReview : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "employer",
                table: "users",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "employer_credit_code",
                table: "users",
                type: "character varying(18)",
                maxLength: 18,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "expert_assignments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    application_id = table.Column<Guid>(type: "uuid", nullable: false),
                    expert_id = table.Column<Guid>(type: "uuid", nullable: false),
                    expert_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    rubric = table.Column<string>(type: "jsonb", nullable: false),
                    state = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    decline_reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    declared_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    scores = table.Column<string>(type: "jsonb", nullable: false),
                    total = table.Column<decimal>(type: "numeric(7,2)", precision: 7, scale: 2, nullable: true),
                    assigned_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    assigned_by = table.Column<Guid>(type: "uuid", nullable: false),
                    submitted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_expert_assignments", x => x.id);
                    table.ForeignKey(
                        name: "fk_expert_assignments_applications_application_id",
                        column: x => x.application_id,
                        principalTable: "applications",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "rubrics",
                columns: table => new
                {
                    key = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    definition = table.Column<string>(type: "jsonb", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_rubrics", x => x.key);
                });

            migrationBuilder.CreateIndex(
                name: "ix_expert_assignments_application_id_expert_id",
                table: "expert_assignments",
                columns: new[] { "application_id", "expert_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_expert_assignments_expert_id_assigned_at",
                table: "expert_assignments",
                columns: new[] { "expert_id", "assigned_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "expert_assignments");

            migrationBuilder.DropTable(
                name: "rubrics");

            migrationBuilder.DropColumn(
                name: "employer",
                table: "users");

            migrationBuilder.DropColumn(
                name: "employer_credit_code",
                table: "users");
        }
    }
}
