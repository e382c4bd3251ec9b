using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IpPlatform.Web.Data.Migrations
{
    /// <summary>
    /// Every submission is kept as it was sent (its hash is in the review history): the snapshots are append-only like the
    /// audit log and the histories, and the app's role is granted no UPDATE or DELETE on them (GrantAppRole).
    /// </summary>
    public partial class SubmissionsAppendOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TRIGGER application_submissions_append_only BEFORE UPDATE OR DELETE ON application_submissions FOR EACH ROW EXECUTE FUNCTION ipp_refuse_change();
                CREATE TRIGGER application_submissions_no_truncate BEFORE TRUNCATE ON application_submissions FOR EACH STATEMENT EXECUTE FUNCTION ipp_refuse_change();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS application_submissions_append_only ON application_submissions;
                DROP TRIGGER IF EXISTS application_submissions_no_truncate ON application_submissions;
                """);
        }
    }
}
