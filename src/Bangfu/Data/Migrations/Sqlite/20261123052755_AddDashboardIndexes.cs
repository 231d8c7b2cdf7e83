using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bangfu.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddDashboardIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_ActivityMonthly_Dashboard",
                table: "ActivityMonthly",
                columns: new[] { "PartnershipId", "Month", "HostOrganizationId", "Kind", "Quantity", "Attendees", "Entries" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ActivityMonthly_Dashboard",
                table: "ActivityMonthly");
        }
    }
}
