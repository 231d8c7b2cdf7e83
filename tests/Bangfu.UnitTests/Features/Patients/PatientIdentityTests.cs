using System.Security.Cryptography;
using Bangfu.Common;
using Bangfu.Data;
using Bangfu.Features.Patients;

namespace Bangfu.UnitTests.Features.Patients;

public sealed class PatientIdentityTests
{
    private static PatientIdentity Identity(string? key = null) =>
        new(new PatientDataOptions { Key = key ?? Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) }, new BangfuOptions(), TimeProvider.System);

    /// A valid number built with the GB 11643 check digit, so the tests do not depend on a real person's number.
    public static string ValidId(string first17)
    {
        int[] weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        var sum = first17.Select((c, i) => (c - '0') * weights[i]).Sum();
        return first17 + "10X98765432"[sum % 11];
    }

    [Fact]
    public void A_resident_id_needs_eighteen_characters_a_real_birth_date_and_the_check_digit()
    {
        var id = ValidId("51010419900101123");
        Assert.True(PatientIdentity.IsValidResidentId(id));
        var wrongCheck = id[..17] + (id[17] == '0' ? '1' : '0');
        Assert.False(PatientIdentity.IsValidResidentId(wrongCheck));
        Assert.False(PatientIdentity.IsValidResidentId(ValidId("51010419901301123")));  // month 13
        Assert.False(PatientIdentity.IsValidResidentId(id[..17]));
        Assert.Equal(new DateOnly(1990, 1, 1), PatientIdentity.BirthDateOf(id));
    }

    [Fact]
    public void The_number_is_masked_to_the_province_and_the_check_digit()
    {
        Assert.Equal("510**************4", PatientIdentity.Mask("510104199001011234"));
    }

    /// The worst case for a reader of a screen: they know the county of issue (the hospital's own), and see the
    /// masked number, the birth year and the sex. Every number that fits all of that is a candidate.
    [Fact]
    public void The_masked_number_with_every_clear_field_still_leaves_thousands_of_candidates()
    {
        var identity = Identity();
        var id = ValidId("51010419900101123");
        var record = identity.Create(new PatientInput("张三", PatientSex.Male, null, null, id));
        var view = PatientView.Of(record);
        Assert.Equal(1990, view.BirthYear);

        var candidates = 0;
        for (var day = new DateOnly(view.BirthYear!.Value, 1, 1); day.Year == view.BirthYear; day = day.AddDays(1))
        {
            for (var sequence = 0; sequence < 1000; sequence++)
            {
                if (sequence % 2 == 0 == (view.Sex == PatientSex.Male))  // the 17th digit is odd for men
                    continue;
                var candidate = ValidId($"{id[..6]}{day:yyyyMMdd}{sequence:000}");
                if (PatientIdentity.Mask(candidate) == view.IdNumberMasked)
                    candidates++;
            }
        }
        // 365 days × 500 sequences / 11 check digits ≈ 16,600; the old mask (first four, last four) left 33 here,
        // and with the birth date in clear, one.
        Assert.InRange(candidates, 15_000, 17_500);
    }

    [Fact]
    public void The_key_can_live_in_a_file_outside_the_data_directory_and_is_made_owner_only()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "bangfu-ut-" + Guid.NewGuid().ToString("N"));
        var secretDir = Path.Combine(Path.GetTempPath(), "bangfu-ut-" + Guid.NewGuid().ToString("N"), "secrets");
        try
        {
            var bangfu = new BangfuOptions { DataDir = dataDir };
            var beside = new PatientDataOptions();
            Assert.True(beside.IsKeyBesideData(bangfu));

            var outside = new PatientDataOptions { KeyFile = Path.Combine(secretDir, "patient.key") };
            Assert.False(outside.IsKeyBesideData(bangfu));
            var cipher = new PatientIdentity(outside, bangfu, TimeProvider.System).Protect("x");
            Assert.True(File.Exists(outside.KeyFile));
            Assert.False(Directory.Exists(Path.Combine(dataDir, "keys")));
            Assert.Equal("x", new PatientIdentity(outside, bangfu, TimeProvider.System).Unprotect(cipher));  // read back, not made again
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(outside.KeyFile));
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(secretDir));
            }
        }
        finally
        {
            if (Directory.Exists(dataDir))
                Directory.Delete(dataDir, recursive: true);
            Directory.Delete(Path.GetDirectoryName(secretDir)!, recursive: true);
        }
    }

    [Fact]
    public void The_ciphertext_holds_no_digit_of_the_number_and_only_the_same_key_opens_it()
    {
        var identity = Identity();
        var id = ValidId("51010419900101123");
        var cipher = identity.Protect(id);
        Assert.DoesNotContain(id[6..14], cipher);
        Assert.NotEqual(cipher, identity.Protect(id));  // a fresh nonce each time
        Assert.Equal(id, identity.Unprotect(cipher));
        Assert.ThrowsAny<CryptographicException>(() => Identity().Unprotect(cipher));
        var tampered = cipher[..^4] + (cipher[^4] == 'A' ? 'B' : 'A') + cipher[^3..];
        Assert.ThrowsAny<CryptographicException>(() => identity.Unprotect(tampered));
    }

    [Fact]
    public void Input_is_checked_field_by_field()
    {
        var identity = Identity();
        var errors = new Validation();
        identity.Validate(new PatientInput("", null, null, null, "123"), errors, "patient");
        Assert.Equal(["patient.name", "patient.sex", "patient.birthYear", "patient.idNumber"], errors.Errors.Select(e => e.Field));

        errors = new Validation();
        identity.Validate(new PatientInput("张三", PatientSex.Male, 1991, null, ValidId("51010419900101123")), errors, "patient");
        Assert.Equal("patient.birthYear", Assert.Single(errors.Errors).Field);

        var record = identity.Create(new PatientInput(" 张三 ", PatientSex.Male, null, null, ValidId("51010419900101123").ToLowerInvariant()));
        Assert.Equal("张三", record.Name);
        Assert.Equal(1990, record.BirthYear);
        Assert.Equal(ValidId("51010419900101123")[..3] + "**************" + ValidId("51010419900101123")[^1..], record.IdNumberMasked);
        Assert.StartsWith("k1:", record.IdNumberCipher);
    }
}
