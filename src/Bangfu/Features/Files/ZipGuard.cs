using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Bangfu.Common;

namespace Bangfu.Features.Files;

/// Limits for ZIP-based files (XLSX, DOCX, PPTX), section <c>Bangfu:Files:Zip</c>.
public sealed class ZipLimits
{
    /// A large slide deck has a few thousand parts; a bomb has hundreds of thousands of empty ones.
    public int MaxEntries { get; set; } = 5_000;

    /// The sum of the entries' uncompressed sizes of an uploaded package (courseware); media inside a package are
    /// stored, not compressed, so a package near the upload limit stays near it unpacked.
    public long MaxUncompressedBytes { get; set; } = 2L * 1024 * 1024 * 1024;

    /// The same for a workbook that is read row by row on the server (indicator import): its body is 1 MB at most,
    /// which a genuine sheet unpacks to a few tens of MB.
    public long MaxWorkbookUncompressedBytes { get; set; } = 64L * 1024 * 1024;

    /// Uncompressed : compressed for one entry larger than <see cref="RatioFloorBytes"/>. Spreadsheet XML packs
    /// 10-50 times; zeros or one repeated row pack a thousand times.
    public int MaxRatio { get; set; } = 200;

    public long RatioFloorBytes { get; set; } = 1024 * 1024;
}

/// The parts a ZIP is checked to hold, by the kind its name claims.
public enum PackageKind
{
    Xlsx,
    Docx,
    Pptx,
}

/// Checks a ZIP before anything unpacks it. First the central directory alone (the table at the end of the file):
/// how many entries, their declared sizes, each entry's packing ratio, no encryption, only stored or deflated entries,
/// and the parts an OOXML package of the claimed kind must have. Then, because declared sizes can lie, every entry is
/// inflated into nothing through a counter that stops one byte past its declared size or past the total limit, and
/// the head of every XML part is checked for a DOCTYPE (entity expansion, external entities). Only a file that passes
/// both is handed to a parser, so the parser never unpacks more than the limits allow.
/// Refusals are field errors on the given field.
public static class ZipGuard
{
    private const uint EndOfCentralDirectory = 0x06054b50;
    private const uint Zip64EndOfCentralDirectory = 0x06064b50;
    private const uint Zip64Locator = 0x07064b50;
    private const uint CentralHeader = 0x02014b50;
    private const uint LocalHeader = 0x04034b50;

    public sealed record Entry(string Name, long CompressedLength, long Length, long LocalHeaderOffset, ushort Method);

    /// Both checks, for a kept upload or a buffered workbook; <paramref name="zip"/> must be seekable and is left at 0.
    public static async Task CheckAsync(Stream zip, PackageKind kind, long maxUncompressed, ZipLimits limits, string field, CancellationToken ct)
    {
        try
        {
            var entries = ReadDirectory(zip, kind, maxUncompressed, limits, field);
            await InflateAllAsync(zip, entries, maxUncompressed, field, ct);
            if (zip.Length <= CrossCheckBytes)
                CrossCheck(zip, entries, field);
        }
        catch (EndOfStreamException)
        {
            Refuse(field, "Files.ZipInvalid");
        }
        zip.Position = 0;
    }

    /// The central directory, checked against the limits; nothing is inflated.
    public static IReadOnlyList<Entry> ReadDirectory(Stream zip, PackageKind kind, long maxUncompressed, ZipLimits limits, string field)
    {
        var (count, offset, size) = FindDirectory(zip, field);
        if (count > limits.MaxEntries)
            Refuse(field, "Files.ZipTooManyEntries", limits.MaxEntries);
        // An OOXML part's header is a few dozen bytes; a directory far larger than its entries need is not read.
        if (offset < 0 || size < 0 || offset > zip.Length - size || size > Math.Max(count, 1) * 1024L)
            Refuse(field, "Files.ZipInvalid");

        zip.Position = offset;
        var directory = new byte[size];
        zip.ReadExactly(directory);
        var entries = new List<Entry>((int)count);
        long total = 0;
        var at = 0;
        for (var i = 0; i < count; i++)
        {
            if (at + 46 > directory.Length || BinaryPrimitives.ReadUInt32LittleEndian(directory.AsSpan(at)) != CentralHeader)
                Refuse(field, "Files.ZipInvalid");
            var header = directory.AsSpan(at);
            var flags = BinaryPrimitives.ReadUInt16LittleEndian(header[8..]);
            var method = BinaryPrimitives.ReadUInt16LittleEndian(header[10..]);
            long compressed = BinaryPrimitives.ReadUInt32LittleEndian(header[20..]);
            long length = BinaryPrimitives.ReadUInt32LittleEndian(header[24..]);
            var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(header[28..]);
            var extraLength = BinaryPrimitives.ReadUInt16LittleEndian(header[30..]);
            var commentLength = BinaryPrimitives.ReadUInt16LittleEndian(header[32..]);
            long local = BinaryPrimitives.ReadUInt32LittleEndian(header[42..]);
            if (at + 46 + nameLength + extraLength + commentLength > directory.Length)
                Refuse(field, "Files.ZipInvalid");
            var name = Encoding.UTF8.GetString(header.Slice(46, nameLength));
            ReadZip64Sizes(header.Slice(46 + nameLength, extraLength), ref length, ref compressed, ref local);
            at += 46 + nameLength + extraLength + commentLength;

            if ((flags & 0x1) != 0 || method is not (0 or 8))
                Refuse(field, "Files.ZipInvalid");
            if (length < 0 || compressed < 0 || local < 0 || local > zip.Length - compressed)
                Refuse(field, "Files.ZipInvalid");
            total += length;
            if (total > maxUncompressed)
                Refuse(field, "Files.ZipTooLarge", maxUncompressed / (1024 * 1024));
            if (length > limits.RatioFloorBytes && length > compressed * limits.MaxRatio)
                Refuse(field, "Files.ZipRatio", name, limits.MaxRatio);
            entries.Add(new Entry(name, compressed, length, local, method));
        }
        CheckParts(entries, kind, field);
        return entries;
    }

    /// Inflates every entry into nothing, counting: an entry that yields more than it declared, or a total over the
    /// limit, is refused at that byte. XML parts must not start with a DOCTYPE.
    private static async Task InflateAllAsync(Stream zip, IReadOnlyList<Entry> entries, long maxUncompressed, string field, CancellationToken ct)
    {
        var buffer = new byte[81920];
        var head = new byte[1024];
        long total = 0;
        foreach (var entry in entries)
        {
            zip.Position = entry.LocalHeaderOffset;
            var local = new byte[30];
            zip.ReadExactly(local);
            if (BinaryPrimitives.ReadUInt32LittleEndian(local) != LocalHeader)
                Refuse(field, "Files.ZipInvalid");
            var skip = BinaryPrimitives.ReadUInt16LittleEndian(local.AsSpan(26)) + BinaryPrimitives.ReadUInt16LittleEndian(local.AsSpan(28));
            var start = entry.LocalHeaderOffset + 30 + skip;
            if (start > zip.Length - entry.CompressedLength)
                Refuse(field, "Files.ZipInvalid");
            zip.Position = start;

            var raw = new BoundedStream(zip, entry.CompressedLength);
            await using var data = entry.Method == 8 ? new DeflateStream(raw, CompressionMode.Decompress, leaveOpen: true) : (Stream)raw;
            long produced = 0;
            var headLength = 0;
            try
            {
                int read;
                while ((read = await data.ReadAsync(buffer, ct)) > 0)
                {
                    if (headLength < head.Length)
                    {
                        var take = Math.Min(read, head.Length - headLength);
                        buffer.AsSpan(0, take).CopyTo(head.AsSpan(headLength));
                        headLength += take;
                    }
                    produced += read;
                    total += read;
                    if (produced > entry.Length)
                        Refuse(field, "Files.ZipSizeMismatch", entry.Name);
                    if (total > maxUncompressed)
                        Refuse(field, "Files.ZipTooLarge", maxUncompressed / (1024 * 1024));
                }
            }
            catch (InvalidDataException)
            {
                Refuse(field, "Files.ZipInvalid");
            }
            if (IsXmlPart(entry.Name) && HasDoctype(head.AsSpan(0, headLength)))
                Refuse(field, "Files.XmlDoctype");
        }
    }

    /// Files up to this size (every imported workbook: the API body is 1 MB) are also opened with .NET's own ZIP
    /// reader, which must see the very entries this check saw; above it a file is only stored, never parsed here.
    private const long CrossCheckBytes = 8L * 1024 * 1024;

    private static void CrossCheck(Stream zip, IReadOnlyList<Entry> entries, string field)
    {
        zip.Position = 0;
        try
        {
            using var archive = new ZipArchive(zip, ZipArchiveMode.Read, leaveOpen: true);
            var theirs = archive.Entries;
            if (theirs.Count != entries.Count)
                Refuse(field, "Files.ZipInvalid");
            for (var i = 0; i < theirs.Count; i++)
                if (theirs[i].Length != entries[i].Length || theirs[i].CompressedLength != entries[i].CompressedLength
                    || (IsAscii(entries[i].Name) && theirs[i].FullName != entries[i].Name))
                    Refuse(field, "Files.ZipInvalid");
        }
        catch (InvalidDataException)
        {
            Refuse(field, "Files.ZipInvalid");
        }
    }

    private static bool IsAscii(string s) => s.All(char.IsAscii);

    private static bool IsXmlPart(string name) =>
        name.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".rels", StringComparison.OrdinalIgnoreCase);

    internal static bool HasDoctype(ReadOnlySpan<byte> head) =>
        head.IndexOf("<!DOCTYPE"u8) >= 0 || head.IndexOf("<!doctype"u8) >= 0 || head.IndexOf("<!ENTITY"u8) >= 0;

    private static void CheckParts(List<Entry> entries, PackageKind kind, string field)
    {
        var names = entries.Select(e => e.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        string main = kind switch
        {
            PackageKind.Xlsx => "xl/workbook.xml",
            PackageKind.Docx => "word/document.xml",
            _ => "ppt/presentation.xml",
        };
        if (!names.Contains("[Content_Types].xml") || !names.Contains(main))
            Refuse(field, "Files.NotAPackage", "." + kind.ToString().ToLowerInvariant());
    }

    /// The end-of-central-directory record sits in the last 22 + 65535 bytes; ZIP64 when a field is saturated.
    private static (long Count, long Offset, long Size) FindDirectory(Stream zip, string field)
    {
        if (!zip.CanSeek || zip.Length < 22)
            Refuse(field, "Files.ZipInvalid");
        var tailLength = (int)Math.Min(zip.Length, 22 + 0xFFFF);
        var tail = new byte[tailLength];
        zip.Position = zip.Length - tailLength;
        zip.ReadExactly(tail);
        var at = -1;
        for (var i = tailLength - 22; i >= 0; i--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(i)) == EndOfCentralDirectory)
            {
                at = i;
                break;
            }
        }
        if (at < 0)
            Refuse(field, "Files.ZipInvalid");
        var end = tail.AsSpan(at);
        long count = BinaryPrimitives.ReadUInt16LittleEndian(end[10..]);
        long size = BinaryPrimitives.ReadUInt32LittleEndian(end[12..]);
        long offset = BinaryPrimitives.ReadUInt32LittleEndian(end[16..]);
        // ZIP64 exactly when .NET's reader (which MiniExcel and the Open XML SDK use) takes it: the disk number, the
        // entry count or the directory offset saturated; never the size alone. Any other rule lets a file show this
        // check one directory and the parser another.
        var disk = BinaryPrimitives.ReadUInt16LittleEndian(end[4..]);
        if ((disk == 0xFFFF || count == 0xFFFF || offset == 0xFFFFFFFF) && at >= 20
            && BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(at - 20)) == Zip64Locator)
        {
            var zip64At = BinaryPrimitives.ReadInt64LittleEndian(tail.AsSpan(at - 20 + 8));
            if (zip64At < 0 || zip64At > zip.Length - 56)
                Refuse(field, "Files.ZipInvalid");
            var record = new byte[56];
            zip.Position = zip64At;
            zip.ReadExactly(record);
            if (BinaryPrimitives.ReadUInt32LittleEndian(record) != Zip64EndOfCentralDirectory)
                Refuse(field, "Files.ZipInvalid");
            count = BinaryPrimitives.ReadInt64LittleEndian(record.AsSpan(32));
            size = BinaryPrimitives.ReadInt64LittleEndian(record.AsSpan(40));
            offset = BinaryPrimitives.ReadInt64LittleEndian(record.AsSpan(48));
        }
        if (count < 0)
            Refuse(field, "Files.ZipInvalid");
        return (count, offset, size);
    }

    /// The ZIP64 extra field (0x0001) holds, in order, whichever of the sizes and the offset were saturated.
    private static void ReadZip64Sizes(ReadOnlySpan<byte> extra, ref long length, ref long compressed, ref long local)
    {
        while (extra.Length >= 4)
        {
            var id = BinaryPrimitives.ReadUInt16LittleEndian(extra);
            var size = BinaryPrimitives.ReadUInt16LittleEndian(extra[2..]);
            if (size > extra.Length - 4)
                return;
            if (id == 0x0001)
            {
                var data = extra.Slice(4, size);
                if (length == 0xFFFFFFFF && data.Length >= 8)
                {
                    length = BinaryPrimitives.ReadInt64LittleEndian(data);
                    data = data[8..];
                }
                if (compressed == 0xFFFFFFFF && data.Length >= 8)
                {
                    compressed = BinaryPrimitives.ReadInt64LittleEndian(data);
                    data = data[8..];
                }
                if (local == 0xFFFFFFFF && data.Length >= 8)
                    local = BinaryPrimitives.ReadInt64LittleEndian(data);
                return;
            }
            extra = extra[(4 + size)..];
        }
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void Refuse(string field, string key, params object[] args) => throw new RequestValidationException([new FieldError(field, key, args)]);

    /// Reads at most <paramref name="length"/> bytes of the inner stream from where it stands.
    private sealed class BoundedStream(Stream inner, long length) : Stream
    {
        private long _left = length;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_left <= 0)
                return 0;
            var n = inner.Read(buffer[..(int)Math.Min(buffer.Length, _left)]);
            _left -= n;
            return n;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_left <= 0)
                return 0;
            var n = await inner.ReadAsync(buffer[..(int)Math.Min(buffer.Length, _left)], cancellationToken);
            _left -= n;
            return n;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }
}
