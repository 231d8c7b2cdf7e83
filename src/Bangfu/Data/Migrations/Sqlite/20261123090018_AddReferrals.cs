using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bangfu.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddReferrals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Referrals",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Direction = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Priority = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    FromOrganizationId = table.Column<int>(type: "INTEGER", nullable: false),
                    FromDepartmentId = table.Column<int>(type: "INTEGER", nullable: true),
                    ToOrganizationId = table.Column<int>(type: "INTEGER", nullable: false),
                    ToDepartmentId = table.Column<int>(type: "INTEGER", nullable: true),
                    PartnershipId = table.Column<int>(type: "INTEGER", nullable: true),
                    PatientName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    PatientSex = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    PatientBirthDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    PatientAgeYears = table.Column<int>(type: "INTEGER", nullable: true),
                    PatientIdNumberCipher = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    PatientIdNumberMasked = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    DiagnosisCode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    DiagnosisText = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    History = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    SigningPhysicianId = table.Column<int>(type: "INTEGER", nullable: false),
                    Escort = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    TreatmentGiven = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    NextTreatmentPlan = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    RehabilitationPlan = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    OriginalReferralId = table.Column<int>(type: "INTEGER", nullable: true),
                    RejectionReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    SubmittedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    SubmittedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ReceivedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    CompletedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Referrals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Referrals_Departments_FromDepartmentId",
                        column: x => x.FromDepartmentId,
                        principalTable: "Departments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Referrals_Departments_ToDepartmentId",
                        column: x => x.ToDepartmentId,
                        principalTable: "Departments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Referrals_Organizations_FromOrganizationId",
                        column: x => x.FromOrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Referrals_Organizations_ToOrganizationId",
                        column: x => x.ToOrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Referrals_Partnerships_PartnershipId",
                        column: x => x.PartnershipId,
                        principalTable: "Partnerships",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Referrals_People_SigningPhysicianId",
                        column: x => x.SigningPhysicianId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Referrals_Referrals_OriginalReferralId",
                        column: x => x.OriginalReferralId,
                        principalTable: "Referrals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "TransportCentres",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrganizationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TransportCentres", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TransportCentres_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ReferralTransitions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReferralId = table.Column<int>(type: "INTEGER", nullable: false),
                    FromStatus = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    ToStatus = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    By = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReferralTransitions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReferralTransitions_Referrals_ReferralId",
                        column: x => x.ReferralId,
                        principalTable: "Referrals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Vehicles",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CentreId = table.Column<int>(type: "INTEGER", nullable: false),
                    Plate = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    VehicleType = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Equipment = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Vehicles", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Vehicles_TransportCentres_CentreId",
                        column: x => x.CentreId,
                        principalTable: "TransportCentres",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "TransportRuns",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReferralId = table.Column<int>(type: "INTEGER", nullable: false),
                    CentreId = table.Column<int>(type: "INTEGER", nullable: false),
                    PickupPlace = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Destination = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    PatientCondition = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    EquipmentNeeded = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    RequestedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    VehicleId = table.Column<int>(type: "INTEGER", nullable: true),
                    PlannedStart = table.Column<long>(type: "INTEGER", nullable: true),
                    PlannedEnd = table.Column<long>(type: "INTEGER", nullable: true),
                    DepartedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ArrivedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    HandedOverAt = table.Column<long>(type: "INTEGER", nullable: true),
                    IsCancelled = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TransportRuns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TransportRuns_Referrals_ReferralId",
                        column: x => x.ReferralId,
                        principalTable: "Referrals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_TransportRuns_TransportCentres_CentreId",
                        column: x => x.CentreId,
                        principalTable: "TransportCentres",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_TransportRuns_Vehicles_VehicleId",
                        column: x => x.VehicleId,
                        principalTable: "Vehicles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "TransportCrewMember",
                columns: table => new
                {
                    RunId = table.Column<int>(type: "INTEGER", nullable: false),
                    PersonId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TransportCrewMember", x => new { x.RunId, x.PersonId });
                    table.ForeignKey(
                        name: "FK_TransportCrewMember_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_TransportCrewMember_TransportRuns_RunId",
                        column: x => x.RunId,
                        principalTable: "TransportRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_FromDepartmentId",
                table: "Referrals",
                column: "FromDepartmentId");

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_FromOrganizationId_Direction_ReceivedOn",
                table: "Referrals",
                columns: new[] { "FromOrganizationId", "Direction", "ReceivedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_OriginalReferralId",
                table: "Referrals",
                column: "OriginalReferralId");

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_PartnershipId",
                table: "Referrals",
                column: "PartnershipId");

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_SigningPhysicianId",
                table: "Referrals",
                column: "SigningPhysicianId");

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_ToDepartmentId",
                table: "Referrals",
                column: "ToDepartmentId");

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_ToOrganizationId_Status",
                table: "Referrals",
                columns: new[] { "ToOrganizationId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_ReferralTransitions_ReferralId",
                table: "ReferralTransitions",
                column: "ReferralId");

            migrationBuilder.CreateIndex(
                name: "IX_TransportCentres_OrganizationId",
                table: "TransportCentres",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_TransportCrewMember_PersonId",
                table: "TransportCrewMember",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_TransportRuns_CentreId_RequestedAt",
                table: "TransportRuns",
                columns: new[] { "CentreId", "RequestedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_TransportRuns_ReferralId",
                table: "TransportRuns",
                column: "ReferralId");

            migrationBuilder.CreateIndex(
                name: "IX_TransportRuns_VehicleId_PlannedStart",
                table: "TransportRuns",
                columns: new[] { "VehicleId", "PlannedStart" });

            migrationBuilder.CreateIndex(
                name: "IX_Vehicles_CentreId",
                table: "Vehicles",
                column: "CentreId");

            migrationBuilder.CreateIndex(
                name: "IX_Vehicles_Plate",
                table: "Vehicles",
                column: "Plate",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ReferralTransitions");

            migrationBuilder.DropTable(
                name: "TransportCrewMember");

            migrationBuilder.DropTable(
                name: "TransportRuns");

            migrationBuilder.DropTable(
                name: "Referrals");

            migrationBuilder.DropTable(
                name: "Vehicles");

            migrationBuilder.DropTable(
                name: "TransportCentres");
        }
    }
}
