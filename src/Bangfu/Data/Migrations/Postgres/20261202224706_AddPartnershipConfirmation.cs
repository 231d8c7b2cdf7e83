using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bangfu.Data.Migrations.Postgres
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
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "ProposedByOrganizationId",
                table: "Partnerships",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Consent",
                table: "PartnershipParties",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "DecidedAt",
                table: "PartnershipParties",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DecidedBy",
                table: "PartnershipParties",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ProposedByOrganizationId",
                table: "PartnershipParties",
                type: "integer",
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
