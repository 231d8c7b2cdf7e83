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
    public void The_number_is_masked_to_the_region_and_the_last_four()
    {
        Assert.Equal("5101**********1234", PatientIdentity.Mask("510104199001011234"));
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
        Assert.Equal(["patient.name", "patient.sex", "patient.birthDate", "patient.idNumber"], errors.Errors.Select(e => e.Field));

        errors = new Validation();
        identity.Validate(new PatientInput("张三", PatientSex.Male, new DateOnly(1991, 1, 1), null, ValidId("51010419900101123")), errors, "patient");
        Assert.Equal("patient.birthDate", Assert.Single(errors.Errors).Field);

        var record = identity.Create(new PatientInput(" 张三 ", PatientSex.Male, null, null, ValidId("51010419900101123").ToLowerInvariant()));
        Assert.Equal("张三", record.Name);
        Assert.Equal(new DateOnly(1990, 1, 1), record.BirthDate);
        Assert.StartsWith("5101", record.IdNumberMasked);
        Assert.StartsWith("k1:", record.IdNumberCipher);
    }
}
