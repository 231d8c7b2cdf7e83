using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bangfu.Data.Migrations.Postgres
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
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EntryKey",
                table: "Activities",
                type: "character varying(64)",
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
