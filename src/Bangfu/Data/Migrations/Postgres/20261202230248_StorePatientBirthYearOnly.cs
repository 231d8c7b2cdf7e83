using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bangfu.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class StorePatientBirthYearOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Hand-written: the year is kept from each birth date, and masks already stored are cut to the new form
            // (first three, last one) before the dates go.
            migrationBuilder.AddColumn<int>(
                name: "PatientBirthYear",
                table: "Referrals",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "PatientBirthYear",
                table: "Consultations",
                type: "integer",
                nullable: true);

            migrationBuilder.Sql("UPDATE \"Consultations\" SET \"PatientBirthYear\" = CAST(EXTRACT(YEAR FROM \"PatientBirthDate\") AS integer) WHERE \"PatientBirthDate\" IS NOT NULL;");

            migrationBuilder.Sql("UPDATE \"Consultations\" SET \"PatientIdNumberMasked\" = substr(\"PatientIdNumberMasked\", 1, 3) || '**************' || substr(\"PatientIdNumberMasked\", 18, 1) WHERE length(\"PatientIdNumberMasked\") = 18;");

            migrationBuilder.Sql("UPDATE \"Referrals\" SET \"PatientBirthYear\" = CAST(EXTRACT(YEAR FROM \"PatientBirthDate\") AS integer) WHERE \"PatientBirthDate\" IS NOT NULL;");

            migrationBuilder.Sql("UPDATE \"Referrals\" SET \"PatientIdNumberMasked\" = substr(\"PatientIdNumberMasked\", 1, 3) || '**************' || substr(\"PatientIdNumberMasked\", 18, 1) WHERE length(\"PatientIdNumberMasked\") = 18;");

            migrationBuilder.DropColumn(
                name: "PatientBirthDate",
                table: "Referrals");

            migrationBuilder.DropColumn(
                name: "PatientBirthDate",
                table: "Consultations");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "PatientBirthDate",
                table: "Referrals",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "PatientBirthDate",
                table: "Consultations",
                type: "date",
                nullable: true);

            migrationBuilder.Sql("UPDATE \"Consultations\" SET \"PatientBirthDate\" = make_date(\"PatientBirthYear\", 1, 1) WHERE \"PatientBirthYear\" IS NOT NULL;");

            migrationBuilder.Sql("UPDATE \"Referrals\" SET \"PatientBirthDate\" = make_date(\"PatientBirthYear\", 1, 1) WHERE \"PatientBirthYear\" IS NOT NULL;");

            migrationBuilder.DropColumn(
                name: "PatientBirthYear",
                table: "Referrals");

            migrationBuilder.DropColumn(
                name: "PatientBirthYear",
                table: "Consultations");
        }
    }
}
