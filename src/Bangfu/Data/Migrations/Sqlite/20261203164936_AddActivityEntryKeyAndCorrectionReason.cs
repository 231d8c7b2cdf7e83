using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bangfu.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddActivityEntryKeyAndCorrectionReason : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CorrectionReason",
                table: "Activities",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EntryKey",
                table: "Activities",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Activities_PartnershipId_EntryKey",
                table: "Activities",
                columns: new[] { "PartnershipId", "EntryKey" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Activities_PartnershipId_EntryKey",
                table: "Activities");

            migrationBuilder.DropColumn(
                name: "CorrectionReason",
                table: "Activities");

            migrationBuilder.DropColumn(
                name: "EntryKey",
                table: "Activities");
        }
    }
}
