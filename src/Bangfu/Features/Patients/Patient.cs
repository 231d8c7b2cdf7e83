using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bangfu.Features.Patients;

[JsonConverter(typeof(JsonStringEnumConverter<PatientSex>))]
public enum PatientSex
{
    Male,
    Female,
    Unknown,
}

/// The least a consultation or referral needs to know about its patient. The identity number is kept only as
/// ciphertext (AES-GCM, key from configuration) plus a masked form for display; owners store it inline
/// (`OwnsOne(x => x.Patient, PatientRecord.Configure)`), so no patient table can be read on its own.
public sealed class PatientRecord
{
    public string Name { get; set; } = "";
    public PatientSex Sex { get; set; }
    /// The year only: with the day and month in clear the masked identity number would narrow to a handful
    /// (ADR 0011).
    public int? BirthYear { get; set; }

    /// Age in years when the birth year is not known (or for a newborn's days, 0).
    public int? AgeYears { get; set; }

    /// "k1:" + base64(nonce | ciphertext | tag); null when no number was given.
    public string? IdNumberCipher { get; set; }

    /// e.g. 510**************4 (<see cref="PatientIdentity.Mask"/>).
    public string? IdNumberMasked { get; set; }

    public static void Configure<TOwner>(OwnedNavigationBuilder<TOwner, PatientRecord> patient) where TOwner : class
    {
        patient.Property(p => p.Name).HasMaxLength(50).HasColumnName("PatientName");
        patient.Property(p => p.Sex).HasConversion<string>().HasMaxLength(8).HasColumnName("PatientSex");
        patient.Property(p => p.BirthYear).HasColumnName("PatientBirthYear");
        patient.Property(p => p.AgeYears).HasColumnName("PatientAgeYears");
        patient.Property(p => p.IdNumberCipher).HasMaxLength(200).HasColumnName("PatientIdNumberCipher");
        patient.Property(p => p.IdNumberMasked).HasMaxLength(40).HasColumnName("PatientIdNumberMasked");
    }
}

/// What a form sends: the identity number in clear, once, over TLS.
public sealed record PatientInput(string? Name, PatientSex? Sex, int? BirthYear, int? AgeYears, string? IdNumber);

/// What a screen shows: the number masked. The clear number comes only from the audited reveal.
public sealed record PatientView(string Name, PatientSex Sex, int? BirthYear, int? AgeYears, string? IdNumberMasked)
{
    public static PatientView Of(PatientRecord p) => new(p.Name, p.Sex, p.BirthYear, p.AgeYears, p.IdNumberMasked);

    /// The age a screen shows: the one entered, or the years since the birth year (within one year, as the day is
    /// not kept).
    public int? AgeIn(int year) => PatientAge.Of(BirthYear, AgeYears, year);
}

public static class PatientAge
{
    public static int? Of(int? birthYear, int? ageYears, int year) => ageYears ?? (birthYear is { } b ? Math.Max(0, year - b) : null);
}
