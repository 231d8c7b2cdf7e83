using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bangfu.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddPartnershipConfirmation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Proposal",
                table: "Partnerships",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "ProposedByOrganizationId",
                table: "Partnerships",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Consent",
                table: "PartnershipParties",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "DecidedAt",
                table: "PartnershipParties",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DecidedBy",
                table: "PartnershipParties",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ProposedByOrganizationId",
                table: "PartnershipParties",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Proposal",
                table: "Partnerships");

            migrationBuilder.DropColumn(
                name: "ProposedByOrganizationId",
                table: "Partnerships");

            migrationBuilder.DropColumn(
                name: "Consent",
                table: "PartnershipParties");

            migrationBuilder.DropColumn(
                name: "DecidedAt",
                table: "PartnershipParties");

            migrationBuilder.DropColumn(
                name: "DecidedBy",
                table: "PartnershipParties");

            migrationBuilder.DropColumn(
                name: "ProposedByOrganizationId",
                table: "PartnershipParties");
        }
    }
}
