using System.Security.Cryptography;
using System.Text;
using Bangfu.Common;
using Bangfu.Data;

namespace Bangfu.Features.Patients;

public sealed class PatientDataOptions
{
    /// Base64 of 32 random bytes (`openssl rand -base64 32`). Set it in production through the environment
    /// (Bangfu__Patients__Key) or a secret store, never in the repository. Without it a key is made once and kept in
    /// the data directory's `keys` folder beside the sign-in keys (fine for a single server and the demo).
    public string? Key { get; set; }
}

/// Encrypts, masks and checks patient identity numbers, and builds <see cref="PatientRecord"/>s from form input.
public sealed class PatientIdentity
{
    private const string KeyId = "k1";
    private readonly byte[] _key;
    private readonly TimeProvider _clock;

    public PatientIdentity(PatientDataOptions options, BangfuOptions bangfu, TimeProvider clock)
    {
        _clock = clock;
        _key = options.Key is { Length: > 0 } configured ? Convert.FromBase64String(configured) : LoadOrCreateKey(bangfu.DataDir);
        if (_key.Length != 32)
            throw new InvalidOperationException("Bangfu:Patients:Key must be 32 bytes in base64 (openssl rand -base64 32).");
    }

    /// Checks <paramref name="input"/> into <paramref name="errors"/> under <paramref name="prefix"/> (e.g. "patient").
    public void Validate(PatientInput? input, Validation errors, string prefix)
    {
        if (input is null)
        {
            errors.Add(prefix, "Error.Required");
            return;
        }
        errors.Required($"{prefix}.name", input.Name, 50);
        errors.Defined($"{prefix}.sex", input.Sex);
        var today = DateOnly.FromDateTime(_clock.GetLocalNow().Date);
        if (input.BirthDate is null && input.AgeYears is null)
            errors.Add($"{prefix}.birthDate", "Patients.AgeOrBirthDate");
        if (input.BirthDate is { } b && (b > today || b < today.AddYears(-130)))
            errors.Add($"{prefix}.birthDate", "Patients.BirthDateRange");
        if (input.AgeYears is < 0 or > 130)
            errors.Add($"{prefix}.ageYears", "Patients.AgeRange");
        if (!string.IsNullOrWhiteSpace(input.IdNumber))
        {
            var id = Normalize(input.IdNumber);
            if (!IsValidResidentId(id))
                errors.Add($"{prefix}.idNumber", "Patients.IdNumberInvalid");
            else if (input.BirthDate is { } birth && BirthDateOf(id) != birth)
                errors.Add($"{prefix}.birthDate", "Patients.BirthDateMismatch");
        }
    }

    /// A new record from checked input (call <see cref="Validate"/> first).
    public PatientRecord Create(PatientInput input)
    {
        var record = new PatientRecord();
        Apply(record, input);
        return record;
    }

    /// Copies checked input onto an existing record; an empty identity number keeps the stored one only if
    /// <paramref name="keepIdNumberWhenEmpty"/> (edit forms never receive the clear number back).
    public void Apply(PatientRecord record, PatientInput input, bool keepIdNumberWhenEmpty = false)
    {
        record.Name = input.Name!.Trim();
        record.Sex = input.Sex ?? PatientSex.Unknown;
        record.BirthDate = input.BirthDate ?? (string.IsNullOrWhiteSpace(input.IdNumber) ? null : BirthDateOf(Normalize(input.IdNumber)));
        record.AgeYears = input.AgeYears;
        if (!string.IsNullOrWhiteSpace(input.IdNumber))
        {
            var id = Normalize(input.IdNumber);
            record.IdNumberCipher = Protect(id);
            record.IdNumberMasked = Mask(id);
        }
        else if (!keepIdNumberWhenEmpty)
        {
            record.IdNumberCipher = null;
            record.IdNumberMasked = null;
        }
    }

    /// The clear number, for someone entitled to it; the caller's view is written to the audit trail in the same call.
    public async Task<string?> RevealAsync(AppDbContext db, PatientRecord record, string recordType, string recordId, CancellationToken ct)
    {
        if (record.IdNumberCipher is null)
            return null;
        db.AuditEntries.Add(new AuditEntry
        {
            At = _clock.GetUtcNow(),
            UserName = db.Actor,
            EntityType = recordType,
            EntityId = recordId,
            Action = "RevealedId",
        });
        await db.SaveChangesAsync(ct);
        return Unprotect(record.IdNumberCipher);
    }

    public string Protect(string clear)
    {
        var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
        var plain = Encoding.UTF8.GetBytes(clear);
        var cipher = new byte[plain.Length];
        var tag = new byte[AesGcm.TagByteSizes.MaxSize];
        using (var aes = new AesGcm(_key, tag.Length))
            aes.Encrypt(nonce, plain, cipher, tag, Encoding.ASCII.GetBytes(KeyId));
        return $"{KeyId}:{Convert.ToBase64String([.. nonce, .. cipher, .. tag])}";
    }

    public string Unprotect(string protectedValue)
    {
        var parts = protectedValue.Split(':', 2);
        if (parts.Length != 2 || parts[0] != KeyId)
            throw new CryptographicException("Unknown patient key id.");
        var data = Convert.FromBase64String(parts[1]);
        var nonceSize = AesGcm.NonceByteSizes.MaxSize;
        var tagSize = AesGcm.TagByteSizes.MaxSize;
        var plain = new byte[data.Length - nonceSize - tagSize];
        using (var aes = new AesGcm(_key, tagSize))
            aes.Decrypt(data.AsSpan(0, nonceSize), data.AsSpan(nonceSize, plain.Length), data.AsSpan(data.Length - tagSize), plain, Encoding.ASCII.GetBytes(KeyId));
        return Encoding.UTF8.GetString(plain);
    }

    /// 510104199001011234 → 5101**********1234: the region of issue and the last four, as clinics print them.
    public static string Mask(string id) =>
        id.Length <= 8 ? new string('*', id.Length) : id[..4] + new string('*', id.Length - 8) + id[^4..];

    public static string Normalize(string id) => id.Trim().ToUpperInvariant();

    /// A resident identity number of GB 11643-1999: 17 digits, a valid birth date, and the ISO 7064 MOD 11-2 check.
    public static bool IsValidResidentId(string id)
    {
        if (id.Length != 18 || !id[..17].All(char.IsAsciiDigit) || !(char.IsAsciiDigit(id[17]) || id[17] == 'X'))
            return false;
        if (BirthDateOf(id) is null)
            return false;
        int[] weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        var sum = 0;
        for (var i = 0; i < 17; i++)
            sum += (id[i] - '0') * weights[i];
        return "10X98765432"[sum % 11] == id[17];
    }

    public static DateOnly? BirthDateOf(string id) =>
        id.Length == 18 && DateOnly.TryParseExact(id.Substring(6, 8), "yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d) ? d : null;

    private static byte[] LoadOrCreateKey(string dataDir)
    {
        var dir = Path.Combine(Path.GetFullPath(dataDir), "keys");
        var path = Path.Combine(dir, "patient-id.key");
        if (File.Exists(path))
            return Convert.FromBase64String(File.ReadAllText(path).Trim());
        Directory.CreateDirectory(dir);
        var key = RandomNumberGenerator.GetBytes(32);
        File.WriteAllText(path, Convert.ToBase64String(key));
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return key;
    }
}

public static class PatientSetup
{
    public static IServiceCollection AddPatients(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(configuration.GetSection("Bangfu:Patients").Get<PatientDataOptions>() ?? new PatientDataOptions());
        services.AddSingleton<PatientIdentity>();
        return services;
    }
}
