using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IpPlatform.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class SubmissionDeclarations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "declarations",
                table: "application_submissions",
                type: "jsonb",
                nullable: false,
                defaultValue: "[]");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "declarations",
                table: "application_submissions");
        }
    }
}
