using System.Security.Cryptography;
using System.Text;
using Bangfu.Common;
using Bangfu.Data;

namespace Bangfu.Features.Patients;

public sealed class PatientDataOptions
{
    /// Base64 of 32 random bytes (`openssl rand -base64 32`). Set it in production through the environment
    /// (Bangfu__Patients__Key) or a secret store, never in the repository. Without it the key is read from
    /// <see cref="KeyFile"/>, made there once if missing.
    public string? Key { get; set; }

    /// Where the key lives when <see cref="Key"/> is not set (Bangfu__Patients__KeyFile), e.g. on a mounted secret
    /// volume. Defaults to `keys/patient-id.key` in the data directory: fine for one server and the demo, but a copy
    /// of the data directory then holds both the ciphertext and its key.
    public string? KeyFile { get; set; }

    public string KeyPath(BangfuOptions bangfu) =>
        KeyFile is { Length: > 0 } file ? Path.GetFullPath(file) : Path.Combine(Path.GetFullPath(bangfu.DataDir), "keys", "patient-id.key");

    /// True when the key is a file inside the data directory, i.e. beside the database it protects.
    public bool IsKeyBesideData(BangfuOptions bangfu)
    {
        if (Key is { Length: > 0 })
            return false;
        var data = Path.GetFullPath(bangfu.DataDir).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        return KeyPath(bangfu).StartsWith(data, StringComparison.Ordinal);
    }
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
        _key = options.Key is { Length: > 0 } configured ? Convert.FromBase64String(configured) : LoadOrCreateKey(options.KeyPath(bangfu));
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
        var year = _clock.GetLocalNow().Year;
        if (input.BirthYear is null && input.AgeYears is null)
            errors.Add($"{prefix}.birthYear", "Patients.AgeOrBirthYear");
        if (input.BirthYear is { } b && (b > year || b < year - 130))
            errors.Add($"{prefix}.birthYear", "Patients.BirthYearRange");
        if (input.AgeYears is < 0 or > 130)
            errors.Add($"{prefix}.ageYears", "Patients.AgeRange");
        if (!string.IsNullOrWhiteSpace(input.IdNumber))
        {
            var id = Normalize(input.IdNumber);
            if (!IsValidResidentId(id))
                errors.Add($"{prefix}.idNumber", "Patients.IdNumberInvalid");
            else if (input.BirthYear is { } birth && BirthDateOf(id)!.Value.Year != birth)
                errors.Add($"{prefix}.birthYear", "Patients.BirthYearMismatch");
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
        record.BirthYear = input.BirthYear ?? (string.IsNullOrWhiteSpace(input.IdNumber) ? null : BirthDateOf(Normalize(input.IdNumber))?.Year);
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
            Address = AuditCaller.Current?.Address,
            Category = AuditCategory.Security,
            EntityType = recordType,
            EntityId = recordId,
            Action = SecurityEvents.RevealedId,
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

    /// 510104199001011234 → 510**************4: the province and the check digit only. With the birth year and sex
    /// in clear this still leaves about 16,000 numbers for a patient whose county is known (ADR 0011 has the
    /// arithmetic); the old form (first four, last four) left one or two once the birth date was shown.
    public static string Mask(string id) =>
        id.Length <= 8 ? new string('*', id.Length) : id[..3] + new string('*', id.Length - 4) + id[^1..];

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

    /// The key as backups carry it (base64), so that a restored database can be read.
    public string ExportKey() => Convert.ToBase64String(_key);

    private static byte[] LoadOrCreateKey(string path)
    {
        if (File.Exists(path))
            return Convert.FromBase64String(File.ReadAllText(path).Trim());
        OwnerOnly.Folder(Path.GetDirectoryName(path)!);
        var key = RandomNumberGenerator.GetBytes(32);
        OwnerOnly.WriteAllText(path, Convert.ToBase64String(key));
        return key;
    }
}

public static class PatientSetup
{
    public static IServiceCollection AddPatients(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(configuration.GetSection("Bangfu:Patients").Get<PatientDataOptions>() ?? new PatientDataOptions());
        services.AddSingleton<PatientIdentity>();
        services.AddHostedService<PatientKeyPlacementCheck>();
        return services;
    }
}

/// A copy of the data directory (a stolen disk, a careless backup) should not carry the key to its own ciphertext.
public sealed class PatientKeyPlacementCheck(PatientDataOptions options, BangfuOptions bangfu, IHostEnvironment environment, ILogger<PatientKeyPlacementCheck> log) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (environment.IsProduction() && options.IsKeyBesideData(bangfu))
        {
            log.LogWarning("患者身份证号密钥与数据库放在同一数据目录，请用 Bangfu__Patients__KeyFile 指向数据目录之外，或用 Bangfu__Patients__Key 从密钥库提供。 / " +
                "The patient identity key {Path} sits in the data directory beside the database; set Bangfu__Patients__KeyFile to a path outside it, or Bangfu__Patients__Key from a secret store.",
                options.KeyPath(bangfu));
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
