using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Bangfu.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AddDispatchesActivitiesAndCompliance : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ActivityMonthly",
                columns: table => new
                {
                    PartnershipId = table.Column<int>(type: "integer", nullable: false),
                    HostOrganizationId = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    Month = table.Column<int>(type: "integer", nullable: false),
                    Quantity = table.Column<long>(type: "bigint", nullable: false),
                    Attendees = table.Column<long>(type: "bigint", nullable: false),
                    Entries = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActivityMonthly", x => new { x.PartnershipId, x.HostOrganizationId, x.Kind, x.Month });
                });

            migrationBuilder.CreateTable(
                name: "ComplianceRuleSets",
                columns: table => new
                {
                    PartnershipId = table.Column<int>(type: "integer", nullable: false),
                    MinStaffPerYear = table.Column<int>(type: "integer", nullable: true),
                    MinContinuousDays = table.Column<int>(type: "integer", nullable: true),
                    RequireYearRoundCoverage = table.Column<bool>(type: "boolean", nullable: false),
                    TeamSizeMin = table.Column<int>(type: "integer", nullable: true),
                    TeamSizeMax = table.Column<int>(type: "integer", nullable: true),
                    MinAssociateSeniorPerTeam = table.Column<int>(type: "integer", nullable: true),
                    MinDaysPerWeek = table.Column<int>(type: "integer", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ComplianceRuleSets", x => x.PartnershipId);
                    table.ForeignKey(
                        name: "FK_ComplianceRuleSets_Partnerships_PartnershipId",
                        column: x => x.PartnershipId,
                        principalTable: "Partnerships",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Dispatches",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PartnershipId = table.Column<int>(type: "integer", nullable: false),
                    ExpertId = table.Column<int>(type: "integer", nullable: false),
                    HostOrganizationId = table.Column<int>(type: "integer", nullable: false),
                    HostDepartmentId = table.Column<int>(type: "integer", nullable: true),
                    Batch = table.Column<int>(type: "integer", nullable: true),
                    Mode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Role = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    StartDate = table.Column<DateOnly>(type: "date", nullable: false),
                    EndDate = table.Column<DateOnly>(type: "date", nullable: false),
                    IsCancelled = table.Column<bool>(type: "boolean", nullable: false),
                    PlannedEndDate = table.Column<DateOnly>(type: "date", nullable: false),
                    CancelReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    DeletedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DeletedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Dispatches", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Dispatches_Departments_HostDepartmentId",
                        column: x => x.HostDepartmentId,
                        principalTable: "Departments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Dispatches_Organizations_HostOrganizationId",
                        column: x => x.HostOrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Dispatches_Partnerships_PartnershipId",
                        column: x => x.PartnershipId,
                        principalTable: "Partnerships",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Dispatches_People_ExpertId",
                        column: x => x.ExpertId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Activities",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PartnershipId = table.Column<int>(type: "integer", nullable: false),
                    HostOrganizationId = table.Column<int>(type: "integer", nullable: false),
                    HostDepartmentId = table.Column<int>(type: "integer", nullable: true),
                    DispatchId = table.Column<int>(type: "integer", nullable: true),
                    ExpertId = table.Column<int>(type: "integer", nullable: true),
                    Kind = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    IsMonthlyTotal = table.Column<bool>(type: "boolean", nullable: false),
                    Quantity = table.Column<int>(type: "integer", nullable: false),
                    Unit = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    Attendees = table.Column<int>(type: "integer", nullable: false),
                    IsOnline = table.Column<bool>(type: "boolean", nullable: false),
                    Subject = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    DeletedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DeletedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Activities", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Activities_Departments_HostDepartmentId",
                        column: x => x.HostDepartmentId,
                        principalTable: "Departments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Activities_Dispatches_DispatchId",
                        column: x => x.DispatchId,
                        principalTable: "Dispatches",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Activities_Organizations_HostOrganizationId",
                        column: x => x.HostOrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Activities_Partnerships_PartnershipId",
                        column: x => x.PartnershipId,
                        principalTable: "Partnerships",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Activities_People_ExpertId",
                        column: x => x.ExpertId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Activities_DispatchId",
                table: "Activities",
                column: "DispatchId");

            migrationBuilder.CreateIndex(
                name: "IX_Activities_ExpertId_Date",
                table: "Activities",
                columns: new[] { "ExpertId", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_Activities_HostDepartmentId",
                table: "Activities",
                column: "HostDepartmentId");

            migrationBuilder.CreateIndex(
                name: "IX_Activities_HostOrganizationId_Date",
                table: "Activities",
                columns: new[] { "HostOrganizationId", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_Activities_PartnershipId_Date",
                table: "Activities",
                columns: new[] { "PartnershipId", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_ActivityMonthly_HostOrganizationId_Month",
                table: "ActivityMonthly",
                columns: new[] { "HostOrganizationId", "Month" });

            migrationBuilder.CreateIndex(
                name: "IX_ActivityMonthly_Month_Kind",
                table: "ActivityMonthly",
                columns: new[] { "Month", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_Dispatches_ExpertId_StartDate_EndDate",
                table: "Dispatches",
                columns: new[] { "ExpertId", "StartDate", "EndDate" });

            migrationBuilder.CreateIndex(
                name: "IX_Dispatches_HostDepartmentId",
                table: "Dispatches",
                column: "HostDepartmentId");

            migrationBuilder.CreateIndex(
                name: "IX_Dispatches_HostOrganizationId",
                table: "Dispatches",
                column: "HostOrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_Dispatches_PartnershipId_StartDate",
                table: "Dispatches",
                columns: new[] { "PartnershipId", "StartDate" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Activities");

            migrationBuilder.DropTable(
                name: "ActivityMonthly");

            migrationBuilder.DropTable(
                name: "ComplianceRuleSets");

            migrationBuilder.DropTable(
                name: "Dispatches");
        }
    }
}
