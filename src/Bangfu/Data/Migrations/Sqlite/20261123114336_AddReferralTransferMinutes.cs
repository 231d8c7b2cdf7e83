using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bangfu.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddReferralTransferMinutes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "TransferMinutes",
                table: "Referrals",
                type: "INTEGER",
                nullable: true);

            // Referrals received before the column existed get their transfer time from the two moments.
            migrationBuilder.Sql("""
                UPDATE "Referrals" SET "TransferMinutes" = MAX(0, CAST(ROUND((julianday("ReceivedAt") - julianday("SubmittedAt")) * 1440) AS INTEGER)) WHERE "ReceivedAt" IS NOT NULL AND "SubmittedAt" IS NOT NULL;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "TransferMinutes",
                table: "Referrals");
        }
    }
}
