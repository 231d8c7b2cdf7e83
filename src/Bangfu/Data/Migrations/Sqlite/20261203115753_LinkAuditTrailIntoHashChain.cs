using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bangfu.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class LinkAuditTrailIntoHashChain : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Address",
                table: "AuditEntries",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Before",
                table: "AuditEntries",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Category",
                table: "AuditEntries",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "Data");

            migrationBuilder.AddColumn<string>(
                name: "Hash",
                table: "AuditEntries",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PreviousHash",
                table: "AuditEntries",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "Sequence",
                table: "AuditEntries",
                type: "INTEGER",
                nullable: true);

            // Identity reveals were audit rows already; they are security events now. The rows are linked into the
            // chain at the next start (AuditChain.SealExistingAsync).
            migrationBuilder.Sql("UPDATE \"AuditEntries\" SET \"Category\" = 'Security' WHERE \"Action\" = 'RevealedId';");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_Action_At",
                table: "AuditEntries",
                columns: new[] { "Action", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_Address",
                table: "AuditEntries",
                column: "Address");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_Category_At",
                table: "AuditEntries",
                columns: new[] { "Category", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_Sequence",
                table: "AuditEntries",
                column: "Sequence",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_UserName_At",
                table: "AuditEntries",
                columns: new[] { "UserName", "At" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_Action_At",
                table: "AuditEntries");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_Address",
                table: "AuditEntries");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_Category_At",
                table: "AuditEntries");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_Sequence",
                table: "AuditEntries");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_UserName_At",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "Address",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "Before",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "Category",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "Hash",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "PreviousHash",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "Sequence",
                table: "AuditEntries");
        }
    }
}
