using System.Security.Cryptography;
using Bangfu.Common;
using Bangfu.Data;

namespace Bangfu.Features.Files;

public sealed class FileStoreOptions
{
    /// Where the content lives; defaults to `files` under the data directory. Back it up with the database.
    public string? Root { get; set; }
    public long MaxClinicalBytes { get; set; } = 50L * 1024 * 1024;
    public long MaxCoursewareBytes { get; set; } = 1024L * 1024 * 1024;
    public long MaxEvidenceBytes { get; set; } = 50L * 1024 * 1024;

    /// A ledger workbook of a few hundred thousand rows is ~20 MB.
    public long MaxImportBytes { get; set; } = 50L * 1024 * 1024;

    /// Limits for ZIP-based files (XLSX, DOCX, PPTX), checked before anything unpacks them.
    public ZipLimits Zip { get; set; } = new();

    public long MaxBytes(FilePurpose purpose) => purpose switch
    {
        FilePurpose.Courseware => MaxCoursewareBytes,
        FilePurpose.Evidence => MaxEvidenceBytes,
        FilePurpose.Import => MaxImportBytes,
        _ => MaxClinicalBytes,
    };
}

/// Keeps uploaded files on disk, outside the database rows, named by their SHA-256. Every file is checked before it
/// is kept: not empty, not over the purpose's size limit, content of a kind the purpose accepts and matching the
/// extension, never an executable nor HTML/SVG under another name; an XML file is parsed (<see cref="XmlGuard"/>) and
/// a ZIP-based one has its directory and sizes checked (<see cref="ZipGuard"/>). The name is neutralised
/// (<see cref="FileNames"/>) before it is stored. The row is added to the caller's context and saved with the record it belongs
/// to, so a failed write leaves no row; content already on disk without a row is unreachable and harmless.
public sealed class FileStore(FileStoreOptions options, BangfuOptions bangfu, TimeProvider clock)
{
    public string Root => options.Root is { Length: > 0 } r ? Path.GetFullPath(r) : Path.Combine(Path.GetFullPath(bangfu.DataDir), "files");

    public long MaxBytes(FilePurpose purpose) => options.MaxBytes(purpose);

    /// Checks and keeps <paramref name="content"/>, and adds its row to <paramref name="db"/> (the caller saves).
    /// Refusals are field errors on <paramref name="field"/>.
    public async Task<StoredFile> AddAsync(AppDbContext db, AccessScope scope, FilePurpose purpose, string? fileName, Stream content, string field, CancellationToken ct)
    {
        var errors = new Validation();
        if (string.IsNullOrWhiteSpace(fileName))
            errors.Add(field, "Files.NameMissing").ThrowIfAny();
        var name = FileNames.Neutralise(fileName);

        var max = options.MaxBytes(purpose);
        OwnerOnly.Folder(Root);
        var temp = Path.Combine(Root, $".upload-{Guid.NewGuid():N}");
        try
        {
            var (length, sha, head) = await CopyAsync(content, temp, max, ct);
            if (length == 0)
                errors.Add(field, "Files.Empty");
            else if (length > max)
                errors.Add(field, "Files.TooLarge", max / (1024 * 1024));
            else
                CheckKind(purpose, name, head, field, errors);
            errors.ThrowIfAny();

            var kind = KindOf(purpose, name)!;
            await CheckContentAsync(kind, temp, field, ct);
            var target = PathOf(sha);
            OwnerOnly.Folder(Path.GetDirectoryName(target)!);
            if (!File.Exists(target))
                File.Move(temp, target);
            var file = new StoredFile
            {
                Purpose = purpose,
                FileName = name,
                Kind = kind.Name,
                ContentType = kind.ContentType,
                Length = length,
                Sha256 = sha,
                StoredBy = scope.UserName,
                StoredAt = clock.GetUtcNow(),
            };
            db.Add(file);
            return file;
        }
        finally
        {
            if (File.Exists(temp))
                File.Delete(temp);
        }
    }

    /// Opens a kept file after checking that its content still has the recorded checksum; a file changed or lost on
    /// disk is a 409, never served silently.
    public async Task<Stream> OpenVerifiedAsync(StoredFile file, CancellationToken ct)
    {
        var path = PathOf(file.Sha256);
        if (!File.Exists(path))
            throw new DomainRuleException("Files.Missing", file.FileName);
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous);
        var hash = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
        if (hash != file.Sha256 || stream.Length != file.Length)
        {
            await stream.DisposeAsync();
            throw new DomainRuleException("Files.Corrupted", file.FileName);
        }
        stream.Position = 0;
        return stream;
    }

    /// The HTTP answer that downloads a kept file under its own name.
    public async Task<IResult> DownloadAsync(StoredFile file, CancellationToken ct) =>
        Results.File(await OpenVerifiedAsync(file, ct), file.ContentType, file.FileName, enableRangeProcessing: true);

    private string PathOf(string sha) => Path.Combine(Root, sha[..2], sha);

    private static FileKind? KindOf(FilePurpose purpose, string name)
    {
        var ext = Path.GetExtension(name).ToLowerInvariant();
        return FileRules.KindsFor(purpose).FirstOrDefault(k => k.Extensions.Contains(ext));
    }

    private static void CheckKind(FilePurpose purpose, string name, ReadOnlyMemory<byte> head, string field, Validation errors)
    {
        if (FileRules.IsExecutable(head))
        {
            errors.Add(field, "Files.Executable");
            return;
        }
        if (FileRules.IsMarkup(head))
        {
            errors.Add(field, "Files.Markup");
            return;
        }
        var kind = KindOf(purpose, name);
        if (kind is null)
            errors.Add(field, "Files.KindNotAccepted", FileRules.AcceptList(purpose));
        else if (!kind.Matches(head))
            errors.Add(field, "Files.ContentMismatch", kind.Extensions[0]);
    }

    /// What the first bytes cannot tell: an XML file is parsed to its end, a ZIP-based one is checked to be a package
    /// of its kind that unpacks within the limits.
    private async Task CheckContentAsync(FileKind kind, string path, string field, CancellationToken ct)
    {
        var package = FileRules.PackageOf(kind);
        if (kind != FileRules.EcgXml && package is null)
            return;
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous);
        if (package is { } p)
            await ZipGuard.CheckAsync(stream, p, options.Zip.MaxUncompressedBytes, options.Zip, field, ct);
        else
            await XmlGuard.CheckAsync(stream, field, ct);
    }

    /// Copies at most max + 1 bytes to disk while hashing; the first bytes are kept to recognise the kind.
    private static async Task<(long Length, string Sha, ReadOnlyMemory<byte> Head)> CopyAsync(Stream content, string path, long max, CancellationToken ct)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var head = new byte[FileRules.SniffLength];
        var headLength = 0;
        long length = 0;
        var buffer = new byte[81920];
        await using (var output = new FileStream(path, OwnerOnly.NewFile()))
        {
            int read;
            while ((read = await content.ReadAsync(buffer, ct)) > 0)
            {
                if (headLength < head.Length)
                {
                    var take = Math.Min(read, head.Length - headLength);
                    buffer.AsSpan(0, take).CopyTo(head.AsSpan(headLength));
                    headLength += take;
                }
                length += read;
                if (length > max)
                    return (length, "", head.AsMemory(0, headLength));
                hash.AppendData(buffer, 0, read);
                await output.WriteAsync(buffer.AsMemory(0, read), ct);
            }
        }
        return (length, Convert.ToHexStringLower(hash.GetHashAndReset()), head.AsMemory(0, headLength));
    }
}
