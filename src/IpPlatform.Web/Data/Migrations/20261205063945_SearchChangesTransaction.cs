using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IpPlatform.Web.Data.Migrations
{
    /// <summary>
    /// Every search change-log entry records the transaction that wrote it, filled by the database (the model does not
    /// map it): the catch-up reads by transaction against the horizon of ended ones, so an entry whose transaction commits
    /// after a later entry's is never skipped (<c>SearchCatalog</c>, <c>SearchChangeLog</c>).
    /// </summary>
    public partial class SearchChangesTransaction : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("ALTER TABLE search_changes ADD COLUMN tx xid8 NOT NULL DEFAULT pg_current_xact_id();");
            migrationBuilder.Sql("CREATE INDEX ix_search_changes_tx ON search_changes (tx);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX ix_search_changes_tx;");
            migrationBuilder.Sql("ALTER TABLE search_changes DROP COLUMN tx;");
        }
    }
}
