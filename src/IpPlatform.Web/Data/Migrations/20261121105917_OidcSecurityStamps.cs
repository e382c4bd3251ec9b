using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IpPlatform.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class OidcSecurityStamps : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "stamp_hash",
                table: "oidc_grants",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "stamp_hash",
                table: "oidc_codes",
                type: "text",
                nullable: false,
                defaultValue: "");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "stamp_hash",
                table: "oidc_grants");

            migrationBuilder.DropColumn(
                name: "stamp_hash",
                table: "oidc_codes");
        }
    }
}
