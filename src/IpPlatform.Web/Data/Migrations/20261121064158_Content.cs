using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IpPlatform.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class Content : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "content_types",
                columns: table => new
                {
                    name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    display_name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    fields = table.Column<string>(type: "jsonb", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_content_types", x => x.name);
                });

            migrationBuilder.CreateTable(
                name: "rounds",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    program_id = table.Column<Guid>(type: "uuid", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    opens_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    closes_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    form_version = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    workflow_version = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    before_open_text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    after_close_text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    milestones = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_rounds", x => x.id);
                    table.ForeignKey(
                        name: "fk_rounds_programs_program_id",
                        column: x => x.program_id,
                        principalTable: "programs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "content_items",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    type = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    owner_authority = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    latest_version = table.Column<int>(type: "integer", nullable: false),
                    published_version = table.Column<int>(type: "integer", nullable: true),
                    published_title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    published_date = table.Column<DateOnly>(type: "date", nullable: true),
                    published_program = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    published_round = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    published_year = table.Column<int>(type: "integer", nullable: true),
                    first_published_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    recipe_key = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_content_items", x => x.id);
                    table.ForeignKey(
                        name: "fk_content_items_authorities_owner_authority",
                        column: x => x.owner_authority,
                        principalTable: "authorities",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_content_items_content_types_type",
                        column: x => x.type,
                        principalTable: "content_types",
                        principalColumn: "name",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "content_schedules",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    item_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: true),
                    action = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    created_by = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    done_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_content_schedules", x => x.id);
                    table.ForeignKey(
                        name: "fk_content_schedules_content_items_item_id",
                        column: x => x.item_id,
                        principalTable: "content_items",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "content_versions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    item_id = table.Column<Guid>(type: "uuid", nullable: false),
                    number = table.Column<int>(type: "integer", nullable: false),
                    title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    body = table.Column<string>(type: "jsonb", nullable: false),
                    created_by = table.Column<Guid>(type: "uuid", nullable: true),
                    created_by_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    restored_from = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_content_versions", x => x.id);
                    table.ForeignKey(
                        name: "fk_content_versions_content_items_item_id",
                        column: x => x.item_id,
                        principalTable: "content_items",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_content_items_owner_authority",
                table: "content_items",
                column: "owner_authority");

            migrationBuilder.CreateIndex(
                name: "ix_content_items_published",
                table: "content_items",
                columns: new[] { "type", "published_date", "first_published_at" },
                descending: new[] { false, true, true },
                filter: "published_version IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_content_items_recipe_key",
                table: "content_items",
                column: "recipe_key",
                unique: true,
                filter: "recipe_key IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_content_items_type_owner_authority_updated_at",
                table: "content_items",
                columns: new[] { "type", "owner_authority", "updated_at" });

            migrationBuilder.CreateIndex(
                name: "ix_content_schedules_item_id",
                table: "content_schedules",
                column: "item_id");

            migrationBuilder.CreateIndex(
                name: "ix_content_schedules_status_due_at",
                table: "content_schedules",
                columns: new[] { "status", "due_at" });

            migrationBuilder.CreateIndex(
                name: "ix_content_versions_item_id_number",
                table: "content_versions",
                columns: new[] { "item_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_rounds_key",
                table: "rounds",
                column: "key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_rounds_program_id_year",
                table: "rounds",
                columns: new[] { "program_id", "year" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "content_schedules");

            migrationBuilder.DropTable(
                name: "content_versions");

            migrationBuilder.DropTable(
                name: "rounds");

            migrationBuilder.DropTable(
                name: "content_items");

            migrationBuilder.DropTable(
                name: "content_types");
        }
    }
}
