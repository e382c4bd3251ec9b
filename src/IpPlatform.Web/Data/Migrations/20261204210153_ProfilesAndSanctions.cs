using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IpPlatform.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class ProfilesAndSanctions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "registered_capital",
                table: "organisations",
                type: "numeric(14,2)",
                precision: 14,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "new_name",
                table: "certification_requests",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "organisation_profile_changes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    organisation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    changed_by = table.Column<Guid>(type: "uuid", nullable: true),
                    changed_by_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    field = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    before = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    after = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_organisation_profile_changes", x => x.id);
                    table.ForeignKey(
                        name: "fk_organisation_profile_changes_organisations_organisation_id",
                        column: x => x.organisation_id,
                        principalTable: "organisations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_organisation_profile_changes_organisation_id_at",
                table: "organisation_profile_changes",
                columns: new[] { "organisation_id", "at" });

            // A profile's history and the bans imposed are evidence: appended, never changed.
            migrationBuilder.Sql("""
                CREATE TRIGGER organisation_profile_changes_append_only BEFORE UPDATE OR DELETE ON organisation_profile_changes FOR EACH ROW EXECUTE FUNCTION ipp_refuse_change();
                CREATE TRIGGER organisation_profile_changes_no_truncate BEFORE TRUNCATE ON organisation_profile_changes FOR EACH STATEMENT EXECUTE FUNCTION ipp_refuse_change();
                CREATE TRIGGER bans_append_only BEFORE UPDATE OR DELETE ON bans FOR EACH ROW EXECUTE FUNCTION ipp_refuse_change();
                CREATE TRIGGER bans_no_truncate BEFORE TRUNCATE ON bans FOR EACH STATEMENT EXECUTE FUNCTION ipp_refuse_change();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS bans_append_only ON bans;
                DROP TRIGGER IF EXISTS bans_no_truncate ON bans;
                """);

            migrationBuilder.DropTable(
                name: "organisation_profile_changes");

            migrationBuilder.DropColumn(
                name: "registered_capital",
                table: "organisations");

            migrationBuilder.DropColumn(
                name: "new_name",
                table: "certification_requests");
        }
    }
}
