using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bangfu.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddTeleTeaching : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CoursewareItems",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PartnershipId = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Specialty = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    StoredFileId = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    DeletedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DeletedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CoursewareItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CoursewareItems_Partnerships_PartnershipId",
                        column: x => x.PartnershipId,
                        principalTable: "Partnerships",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CoursewareItems_StoredFiles_StoredFileId",
                        column: x => x.StoredFileId,
                        principalTable: "StoredFiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "TeachingSeries",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PartnershipId = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Specialty = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    HubOrganizationId = table.Column<int>(type: "INTEGER", nullable: false),
                    RecurrenceRule = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    StartTime = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    DurationMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    StartDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PresentSharePercent = table.Column<int>(type: "INTEGER", nullable: false),
                    CertificatePercent = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    DeletedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DeletedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TeachingSeries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TeachingSeries_Organizations_HubOrganizationId",
                        column: x => x.HubOrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_TeachingSeries_Partnerships_PartnershipId",
                        column: x => x.PartnershipId,
                        principalTable: "Partnerships",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "TeachingSeriesSpokes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SeriesId = table.Column<int>(type: "INTEGER", nullable: false),
                    OrganizationId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TeachingSeriesSpokes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TeachingSeriesSpokes_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_TeachingSeriesSpokes_TeachingSeries_SeriesId",
                        column: x => x.SeriesId,
                        principalTable: "TeachingSeries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TeachingSessions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SeriesId = table.Column<int>(type: "INTEGER", nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Topic = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    LecturerId = table.Column<int>(type: "INTEGER", nullable: true),
                    Cases = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    ActivityId = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TeachingSessions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TeachingSessions_Activities_ActivityId",
                        column: x => x.ActivityId,
                        principalTable: "Activities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_TeachingSessions_People_LecturerId",
                        column: x => x.LecturerId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_TeachingSessions_TeachingSeries_SeriesId",
                        column: x => x.SeriesId,
                        principalTable: "TeachingSeries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AttendanceCorrections",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SessionId = table.Column<int>(type: "INTEGER", nullable: false),
                    PersonId = table.Column<int>(type: "INTEGER", nullable: false),
                    OldMinutes = table.Column<int>(type: "INTEGER", nullable: true),
                    NewMinutes = table.Column<int>(type: "INTEGER", nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AttendanceCorrections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AttendanceCorrections_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_AttendanceCorrections_TeachingSessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "TeachingSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TeachingAttendances",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SessionId = table.Column<int>(type: "INTEGER", nullable: false),
                    PersonId = table.Column<int>(type: "INTEGER", nullable: false),
                    Minutes = table.Column<int>(type: "INTEGER", nullable: false),
                    IsImported = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TeachingAttendances", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TeachingAttendances_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_TeachingAttendances_TeachingSessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "TeachingSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AttendanceCorrections_PersonId",
                table: "AttendanceCorrections",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_AttendanceCorrections_SessionId_Id",
                table: "AttendanceCorrections",
                columns: new[] { "SessionId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_CoursewareItems_PartnershipId",
                table: "CoursewareItems",
                column: "PartnershipId");

            migrationBuilder.CreateIndex(
                name: "IX_CoursewareItems_StoredFileId",
                table: "CoursewareItems",
                column: "StoredFileId");

            migrationBuilder.CreateIndex(
                name: "IX_TeachingAttendances_PersonId",
                table: "TeachingAttendances",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_TeachingAttendances_SessionId_PersonId",
                table: "TeachingAttendances",
                columns: new[] { "SessionId", "PersonId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TeachingSeries_HubOrganizationId",
                table: "TeachingSeries",
                column: "HubOrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_TeachingSeries_PartnershipId",
                table: "TeachingSeries",
                column: "PartnershipId");

            migrationBuilder.CreateIndex(
                name: "IX_TeachingSeriesSpokes_OrganizationId",
                table: "TeachingSeriesSpokes",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_TeachingSeriesSpokes_SeriesId_OrganizationId",
                table: "TeachingSeriesSpokes",
                columns: new[] { "SeriesId", "OrganizationId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TeachingSessions_ActivityId",
                table: "TeachingSessions",
                column: "ActivityId");

            migrationBuilder.CreateIndex(
                name: "IX_TeachingSessions_LecturerId",
                table: "TeachingSessions",
                column: "LecturerId");

            migrationBuilder.CreateIndex(
                name: "IX_TeachingSessions_SeriesId_Date",
                table: "TeachingSessions",
                columns: new[] { "SeriesId", "Date" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AttendanceCorrections");

            migrationBuilder.DropTable(
                name: "CoursewareItems");

            migrationBuilder.DropTable(
                name: "TeachingAttendances");

            migrationBuilder.DropTable(
                name: "TeachingSeriesSpokes");

            migrationBuilder.DropTable(
                name: "TeachingSessions");

            migrationBuilder.DropTable(
                name: "TeachingSeries");
        }
    }
}
