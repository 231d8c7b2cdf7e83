using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bangfu.Data.Migrations.Sqlite
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
                    PartnershipId = table.Column<int>(type: "INTEGER", nullable: false),
                    HostOrganizationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    Month = table.Column<int>(type: "INTEGER", nullable: false),
                    Quantity = table.Column<long>(type: "INTEGER", nullable: false),
                    Attendees = table.Column<long>(type: "INTEGER", nullable: false),
                    Entries = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActivityMonthly", x => new { x.PartnershipId, x.HostOrganizationId, x.Kind, x.Month });
                });

            migrationBuilder.CreateTable(
                name: "ComplianceRuleSets",
                columns: table => new
                {
                    PartnershipId = table.Column<int>(type: "INTEGER", nullable: false),
                    MinStaffPerYear = table.Column<int>(type: "INTEGER", nullable: true),
                    MinContinuousDays = table.Column<int>(type: "INTEGER", nullable: true),
                    RequireYearRoundCoverage = table.Column<bool>(type: "INTEGER", nullable: false),
                    TeamSizeMin = table.Column<int>(type: "INTEGER", nullable: true),
                    TeamSizeMax = table.Column<int>(type: "INTEGER", nullable: true),
                    MinAssociateSeniorPerTeam = table.Column<int>(type: "INTEGER", nullable: true),
                    MinDaysPerWeek = table.Column<int>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PartnershipId = table.Column<int>(type: "INTEGER", nullable: false),
                    ExpertId = table.Column<int>(type: "INTEGER", nullable: false),
                    HostOrganizationId = table.Column<int>(type: "INTEGER", nullable: false),
                    HostDepartmentId = table.Column<int>(type: "INTEGER", nullable: true),
                    Batch = table.Column<int>(type: "INTEGER", nullable: true),
                    Mode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    StartDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    IsCancelled = table.Column<bool>(type: "INTEGER", nullable: false),
                    PlannedEndDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    CancelReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    DeletedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DeletedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PartnershipId = table.Column<int>(type: "INTEGER", nullable: false),
                    HostOrganizationId = table.Column<int>(type: "INTEGER", nullable: false),
                    HostDepartmentId = table.Column<int>(type: "INTEGER", nullable: true),
                    DispatchId = table.Column<int>(type: "INTEGER", nullable: true),
                    ExpertId = table.Column<int>(type: "INTEGER", nullable: true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    IsMonthlyTotal = table.Column<bool>(type: "INTEGER", nullable: false),
                    Quantity = table.Column<int>(type: "INTEGER", nullable: false),
                    Unit = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Attendees = table.Column<int>(type: "INTEGER", nullable: false),
                    IsOnline = table.Column<bool>(type: "INTEGER", nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    DeletedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DeletedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
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
