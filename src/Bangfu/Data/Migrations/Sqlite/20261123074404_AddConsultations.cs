using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bangfu.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddConsultations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "IndependentPracticeSince",
                table: "People",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LicenceNumber",
                table: "People",
                type: "TEXT",
                maxLength: 30,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Consultations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Type = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    InvitingOrganizationId = table.Column<int>(type: "INTEGER", nullable: false),
                    InvitedOrganizationId = table.Column<int>(type: "INTEGER", nullable: false),
                    InvitedDepartmentId = table.Column<int>(type: "INTEGER", nullable: true),
                    InvitedSpecialty = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    PartnershipId = table.Column<int>(type: "INTEGER", nullable: true),
                    RequestingPhysicianId = table.Column<int>(type: "INTEGER", nullable: true),
                    PreferredExpertId = table.Column<int>(type: "INTEGER", nullable: true),
                    PreferredTitleLevel = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Urgency = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    RequestedFrom = table.Column<long>(type: "INTEGER", nullable: true),
                    RequestedTo = table.Column<long>(type: "INTEGER", nullable: true),
                    Mode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Purpose = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    CaseSummary = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    PatientName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    PatientSex = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    PatientBirthDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    PatientAgeYears = table.Column<int>(type: "INTEGER", nullable: true),
                    PatientIdNumberCipher = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    PatientIdNumberMasked = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    ConsentBy = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ConsentName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    ConsentRelation = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    ConsentAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ConsentContentExplained = table.Column<bool>(type: "INTEGER", nullable: false),
                    ConsentFeeExplained = table.Column<bool>(type: "INTEGER", nullable: false),
                    FeeFen = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    FirstSubmittedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    SubmittedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ScheduledStart = table.Column<long>(type: "INTEGER", nullable: true),
                    ScheduledEnd = table.Column<long>(type: "INTEGER", nullable: true),
                    ConsultantId = table.Column<int>(type: "INTEGER", nullable: true),
                    SessionStartedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    SessionEndedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    WaitingMinutes = table.Column<int>(type: "INTEGER", nullable: true),
                    TurnaroundMinutes = table.Column<int>(type: "INTEGER", nullable: true),
                    Opinion = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    SignedByName = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    SignedByUser = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    SignedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    FiledAt = table.Column<long>(type: "INTEGER", nullable: true),
                    FiledBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Rating = table.Column<int>(type: "INTEGER", nullable: true),
                    RatingComment = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ActivityId = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Consultations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Consultations_Activities_ActivityId",
                        column: x => x.ActivityId,
                        principalTable: "Activities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Consultations_Departments_InvitedDepartmentId",
                        column: x => x.InvitedDepartmentId,
                        principalTable: "Departments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Consultations_Organizations_InvitedOrganizationId",
                        column: x => x.InvitedOrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Consultations_Organizations_InvitingOrganizationId",
                        column: x => x.InvitingOrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Consultations_Partnerships_PartnershipId",
                        column: x => x.PartnershipId,
                        principalTable: "Partnerships",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Consultations_People_ConsultantId",
                        column: x => x.ConsultantId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Consultations_People_PreferredExpertId",
                        column: x => x.PreferredExpertId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Consultations_People_RequestingPhysicianId",
                        column: x => x.RequestingPhysicianId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ConsultationAttachments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ConsultationId = table.Column<int>(type: "INTEGER", nullable: false),
                    StoredFileId = table.Column<long>(type: "INTEGER", nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConsultationAttachments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConsultationAttachments_Consultations_ConsultationId",
                        column: x => x.ConsultationId,
                        principalTable: "Consultations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ConsultationAttachments_StoredFiles_StoredFileId",
                        column: x => x.StoredFileId,
                        principalTable: "StoredFiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ConsultationEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ConsultationId = table.Column<int>(type: "INTEGER", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    From = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    To = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConsultationEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConsultationEvents_Consultations_ConsultationId",
                        column: x => x.ConsultationId,
                        principalTable: "Consultations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ConsultationAttachments_ConsultationId",
                table: "ConsultationAttachments",
                column: "ConsultationId");

            migrationBuilder.CreateIndex(
                name: "IX_ConsultationAttachments_StoredFileId",
                table: "ConsultationAttachments",
                column: "StoredFileId");

            migrationBuilder.CreateIndex(
                name: "IX_ConsultationEvents_ConsultationId",
                table: "ConsultationEvents",
                column: "ConsultationId");

            migrationBuilder.CreateIndex(
                name: "IX_Consultations_ActivityId",
                table: "Consultations",
                column: "ActivityId");

            migrationBuilder.CreateIndex(
                name: "IX_Consultations_ConsultantId",
                table: "Consultations",
                column: "ConsultantId");

            migrationBuilder.CreateIndex(
                name: "IX_Consultations_InvitedDepartmentId",
                table: "Consultations",
                column: "InvitedDepartmentId");

            migrationBuilder.CreateIndex(
                name: "IX_Consultations_InvitedOrganizationId_State",
                table: "Consultations",
                columns: new[] { "InvitedOrganizationId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_Consultations_InvitingOrganizationId_State",
                table: "Consultations",
                columns: new[] { "InvitingOrganizationId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_Consultations_PartnershipId",
                table: "Consultations",
                column: "PartnershipId");

            migrationBuilder.CreateIndex(
                name: "IX_Consultations_PreferredExpertId",
                table: "Consultations",
                column: "PreferredExpertId");

            migrationBuilder.CreateIndex(
                name: "IX_Consultations_RequestingPhysicianId",
                table: "Consultations",
                column: "RequestingPhysicianId");

            migrationBuilder.CreateIndex(
                name: "IX_Consultations_SubmittedOn",
                table: "Consultations",
                column: "SubmittedOn");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ConsultationAttachments");

            migrationBuilder.DropTable(
                name: "ConsultationEvents");

            migrationBuilder.DropTable(
                name: "Consultations");

            migrationBuilder.DropColumn(
                name: "IndependentPracticeSince",
                table: "People");

            migrationBuilder.DropColumn(
                name: "LicenceNumber",
                table: "People");
        }
    }
}
