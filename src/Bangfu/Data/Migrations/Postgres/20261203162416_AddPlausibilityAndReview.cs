using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Bangfu.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AddPlausibilityAndReview : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ReviewReason",
                table: "Activities",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ReviewStatus",
                table: "Activities",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "ReviewWarnings",
                table: "Activities",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ReviewedAt",
                table: "Activities",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReviewedBy",
                table: "Activities",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "PlausibilityRules",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Check = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    Kind = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: true),
                    WarnAbove = table.Column<int>(type: "integer", nullable: true),
                    RefuseAbove = table.Column<int>(type: "integer", nullable: true),
                    Action = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlausibilityRules", x => x.Id);
                });

            migrationBuilder.InsertData(
                table: "PlausibilityRules",
                columns: new[] { "Id", "Action", "Check", "Kind", "RefuseAbove", "Version", "WarnAbove" },
                values: new object[,]
                {
                    { 1, "Off", "PerExpertDay", "Surgery", 30, 0, 8 },
                    { 2, "Off", "PerHostMonth", "Surgery", 3000, 0, 600 },
                    { 3, "Off", "PerExpertDay", "SurgicalDemonstration", 20, 0, 6 },
                    { 4, "Off", "PerHostMonth", "SurgicalDemonstration", 1000, 0, 200 },
                    { 5, "Off", "PerExpertDay", "TeachingRound", 12, 0, 4 },
                    { 6, "Off", "PerHostMonth", "TeachingRound", 600, 0, 120 },
                    { 7, "Off", "PerExpertDay", "CaseDiscussion", 12, 0, 4 },
                    { 8, "Off", "PerHostMonth", "CaseDiscussion", 600, 0, 120 },
                    { 9, "Off", "PerExpertDay", "Lecture", 8, 0, 3 },
                    { 10, "Off", "PerHostMonth", "Lecture", 300, 0, 60 },
                    { 11, "Off", "PerExpertDay", "Outpatient", 300, 0, 80 },
                    { 12, "Off", "PerHostMonth", "Outpatient", 20000, 0, 3000 },
                    { 13, "Off", "PerExpertDay", "Inpatient", 150, 0, 40 },
                    { 14, "Off", "PerHostMonth", "Inpatient", 10000, 0, 1500 },
                    { 15, "Off", "PerExpertDay", "Consultation", 100, 0, 30 },
                    { 16, "Off", "PerHostMonth", "Consultation", 3000, 0, 600 },
                    { 17, "Off", "PerExpertDay", "FreeClinic", 5, 0, 2 },
                    { 18, "Off", "PerHostMonth", "FreeClinic", 150, 0, 30 },
                    { 19, "Off", "PerExpertDay", "Screening", 1000, 0, 200 },
                    { 20, "Off", "PerHostMonth", "Screening", 20000, 0, 3000 },
                    { 21, "Off", "PerExpertDay", "Rescue", 40, 0, 10 },
                    { 22, "Off", "PerHostMonth", "Rescue", 1000, 0, 200 },
                    { 23, "Off", "PerExpertDay", "ManagementGuidance", 12, 0, 4 },
                    { 24, "Off", "PerHostMonth", "ManagementGuidance", 300, 0, 60 },
                    { 25, "Off", "PerExpertDay", "RemoteConsultation", 80, 0, 20 },
                    { 26, "Off", "PerHostMonth", "RemoteConsultation", 3000, 0, 500 },
                    { 100, "Warn", "BeforePartnership", null, null, 0, null },
                    { 101, "Warn", "BeforeDispatch", null, null, 0, null },
                    { 102, "Warn", "StationedElsewhere", null, null, 0, null }
                });

            migrationBuilder.CreateIndex(
                name: "IX_Activities_ReviewStatus_PartnershipId",
                table: "Activities",
                columns: new[] { "ReviewStatus", "PartnershipId" });

            migrationBuilder.CreateIndex(
                name: "IX_PlausibilityRules_Check_Kind",
                table: "PlausibilityRules",
                columns: new[] { "Check", "Kind" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PlausibilityRules");

            migrationBuilder.DropIndex(
                name: "IX_Activities_ReviewStatus_PartnershipId",
                table: "Activities");

            migrationBuilder.DropColumn(
                name: "ReviewReason",
                table: "Activities");

            migrationBuilder.DropColumn(
                name: "ReviewStatus",
                table: "Activities");

            migrationBuilder.DropColumn(
                name: "ReviewWarnings",
                table: "Activities");

            migrationBuilder.DropColumn(
                name: "ReviewedAt",
                table: "Activities");

            migrationBuilder.DropColumn(
                name: "ReviewedBy",
                table: "Activities");
        }
    }
}
