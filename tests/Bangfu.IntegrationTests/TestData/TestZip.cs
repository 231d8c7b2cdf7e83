using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Bangfu.Testing;

/// Writes ZIP files by hand, so that a test can reuse one deflated block for many entries (a bomb of gigabytes in a
/// few hundred kilobytes) and can make an entry declare a size it does not have. Shared by the unit and the
/// integration tests (linked into both projects).
public static class TestZip
{
    /// One entry: its deflated (or stored) bytes, their CRC and true length, and the length the headers declare.
    public sealed record Part(string Name, byte[] Raw, uint Crc, long Length, ushort Method)
    {
        public long DeclaredLength { get; init; } = Length;

        public Part Named(string name) => this with { Name = name };
    }

    public static Part Text(string name, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return Deflate(name, bytes.Length, s => s.Write(bytes));
    }

    /// <paramref name="length"/> bytes of <paramref name="fill"/>, deflated once (about a thousand to one).
    public static Part Filled(string name, long length, byte fill = 0) =>
        Deflate(name, length, s =>
        {
            var chunk = new byte[1024 * 1024];
            Array.Fill(chunk, fill);
            for (long left = length; left > 0; left -= chunk.Length)
                s.Write(chunk, 0, (int)Math.Min(chunk.Length, left));
        });

    /// Deflates through ZipArchive (which computes the CRC) and lifts the raw block out of its local header.
    public static Part Deflate(string name, long length, Action<Stream> write)
    {
        var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = archive.CreateEntry("x", CompressionLevel.SmallestSize).Open();
            write(entry);
        }
        var b = zip.GetBuffer().AsSpan(0, (int)zip.Length);
        var method = BinaryPrimitives.ReadUInt16LittleEndian(b[8..]);
        var crc = BinaryPrimitives.ReadUInt32LittleEndian(b[14..]);
        var compressed = (int)BinaryPrimitives.ReadUInt32LittleEndian(b[18..]);
        var start = 30 + BinaryPrimitives.ReadUInt16LittleEndian(b[26..]) + BinaryPrimitives.ReadUInt16LittleEndian(b[28..]);
        return new Part(name, b.Slice(start, compressed).ToArray(), crc, length, method);
    }

    /// The two parts every OOXML package has, for a workbook (xl/workbook.xml) unless told otherwise.
    public static Part[] PackageParts(string main = "xl/workbook.xml") =>
    [
        Text("[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"),
        Text(main, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><root/>"),
    ];

    public static byte[] Build(IEnumerable<Part> parts)
    {
        var output = new MemoryStream();
        var w = new BinaryWriter(output);
        var central = new MemoryStream();
        var c = new BinaryWriter(central);
        var count = 0;
        foreach (var p in parts)
        {
            var name = Encoding.UTF8.GetBytes(p.Name);
            var offset = (uint)output.Position;
            w.Write(0x04034b50u);
            w.Write((ushort)20);
            w.Write((ushort)0x0800);
            w.Write(p.Method);
            w.Write(0u);
            w.Write(p.Crc);
            w.Write((uint)p.Raw.Length);
            w.Write((uint)p.DeclaredLength);
            w.Write((ushort)name.Length);
            w.Write((ushort)0);
            w.Write(name);
            w.Write(p.Raw);

            c.Write(0x02014b50u);
            c.Write((ushort)20);
            c.Write((ushort)20);
            c.Write((ushort)0x0800);
            c.Write(p.Method);
            c.Write(0u);
            c.Write(p.Crc);
            c.Write((uint)p.Raw.Length);
            c.Write((uint)p.DeclaredLength);
            c.Write((ushort)name.Length);
            c.Write((ushort)0);
            c.Write((ushort)0);
            c.Write((ushort)0);
            c.Write((ushort)0);
            c.Write(0u);
            c.Write(offset);
            c.Write(name);
            count++;
        }
        var directoryAt = (uint)output.Position;
        w.Write(central.ToArray());
        w.Write(0x06054b50u);
        w.Write((ushort)0);
        w.Write((ushort)0);
        w.Write((ushort)Math.Min(count, 0xFFFF));
        w.Write((ushort)Math.Min(count, 0xFFFF));
        w.Write((uint)central.Length);
        w.Write(directoryAt);
        w.Write((ushort)0);
        w.Flush();
        return output.ToArray();
    }

    /// A package whose <paramref name="copies"/> sheet parts each are <paramref name="filler"/>.
    public static byte[] Bomb(Part filler, int copies, string main = "xl/workbook.xml") =>
        Build(PackageParts(main).Concat(Enumerable.Range(1, copies).Select(i => filler.Named($"xl/worksheets/sheet{i}.xml"))));

    /// A package with <paramref name="entries"/> empty entries beside its two real parts.
    public static byte[] ManyEntries(int entries, string main = "xl/workbook.xml")
    {
        var empty = Text("e", "");
        return Build(PackageParts(main).Concat(Enumerable.Range(0, entries).Select(i => empty.Named(i.ToString("x", System.Globalization.CultureInfo.InvariantCulture)))));
    }
}
