using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IpPlatform.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class QueueListed : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "listed",
                table: "workflow_instances",
                type: "boolean",
                nullable: false,
                computedColumnSql: "submitted_at IS NOT NULL OR kind = 'Obligation'",
                stored: true);

            migrationBuilder.CreateIndex(
                name: "ix_workflow_instances_queue_counts",
                table: "workflow_instances",
                columns: new[] { "workflow_key", "workflow_version", "state", "city_code", "district_code", "owner_authority" },
                filter: "listed");

            // The default order of the queue (most recently submitted first, what was never submitted last), as an index
            // the planner can walk to the first page without sorting (EF cannot declare an expression index).
            migrationBuilder.Sql("CREATE INDEX ix_workflow_instances_queue_order ON workflow_instances ((submitted_at IS NULL), submitted_at DESC, id) WHERE listed;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_workflow_instances_queue_order;");

            migrationBuilder.DropIndex(
                name: "ix_workflow_instances_queue_counts",
                table: "workflow_instances");

            migrationBuilder.DropColumn(
                name: "listed",
                table: "workflow_instances");
        }
    }
}
