using System.Diagnostics;
using System.IO.Compression;
using Bangfu.Common;
using Bangfu.Features.Files;
using Bangfu.Testing;

namespace Bangfu.UnitTests.Features.Files;

public sealed class ZipGuardTests
{
    private static readonly ZipLimits Limits = new();

    /// 64 MB of zeros deflated once: 64 KB of data that each entry reuses.
    private static readonly Lazy<TestZip.Part> Zeros = new(() => TestZip.Filled("zeros", 64L * 1024 * 1024));

    private static async Task<FieldError> RefusedAsync(byte[] zip, PackageKind kind = PackageKind.Xlsx, long max = 64L * 1024 * 1024, ZipLimits? limits = null)
    {
        var refused = await Assert.ThrowsAsync<RequestValidationException>(() =>
            ZipGuard.CheckAsync(new MemoryStream(zip), kind, max, limits ?? Limits, "file", CancellationToken.None));
        var error = Assert.Single(refused.Errors);
        Assert.Equal("file", error.Field);
        return error;
    }

    [Fact]
    public async Task A_workbook_written_by_a_spreadsheet_library_passes_and_is_left_at_its_start()
    {
        var book = new MemoryStream();
        MiniExcelLibs.MiniExcel.SaveAs(book, new[] { new Dictionary<string, object> { ["指标编码"] = "X", ["数值"] = 1 } });
        book.Position = 17;
        await ZipGuard.CheckAsync(book, PackageKind.Xlsx, 64L * 1024 * 1024, Limits, "file", CancellationToken.None);
        Assert.Equal(0, book.Position);
    }

    [Fact]
    public async Task A_document_written_by_the_open_xml_sdk_passes()
    {
        var docx = new MemoryStream();
        using (var doc = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Create(docx, DocumentFormat.OpenXml.WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            main.Document = new DocumentFormat.OpenXml.Wordprocessing.Document(new DocumentFormat.OpenXml.Wordprocessing.Body(
                new DocumentFormat.OpenXml.Wordprocessing.Paragraph(new DocumentFormat.OpenXml.Wordprocessing.Run(new DocumentFormat.OpenXml.Wordprocessing.Text("讲义")))));
        }
        await ZipGuard.CheckAsync(docx, PackageKind.Docx, 64L * 1024 * 1024, Limits, "file", CancellationToken.None);
        Assert.Equal("Files.NotAPackage", (await RefusedAsync(docx.ToArray(), PackageKind.Pptx)).MessageKey);
    }

    [Fact]
    public async Task Declared_sizes_over_the_total_are_refused_from_the_directory_alone()
    {
        // 16 × 64 MB = 1 GB declared; the ratio rule is loosened so that the total is what refuses.
        var bomb = TestZip.Bomb(Zeros.Value, 16);
        var watch = Stopwatch.StartNew();
        var error = await RefusedAsync(bomb, limits: new ZipLimits { MaxRatio = int.MaxValue });
        Assert.Equal("Files.ZipTooLarge", error.MessageKey);
        Assert.Equal(64L, error.Args[0]);
        // Nothing was inflated: reading a directory takes milliseconds, inflating a gigabyte seconds.
        Assert.True(watch.ElapsedMilliseconds < 1000, $"{watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task One_entry_packed_a_thousand_to_one_is_refused_by_its_ratio()
    {
        var error = await RefusedAsync(TestZip.Bomb(Zeros.Value, 1), max: long.MaxValue);
        Assert.Equal("Files.ZipRatio", error.MessageKey);
        Assert.Equal("xl/worksheets/sheet1.xml", error.Args[0]);
    }

    [Fact]
    public async Task Too_many_entries_are_refused_before_the_directory_is_read()
    {
        var error = await RefusedAsync(TestZip.ManyEntries(Limits.MaxEntries));
        Assert.Equal("Files.ZipTooManyEntries", error.MessageKey);
        await ZipGuard.CheckAsync(new MemoryStream(TestZip.ManyEntries(Limits.MaxEntries - 2)), PackageKind.Xlsx, 1024, Limits, "file", CancellationToken.None);
    }

    [Fact]
    public async Task An_entry_that_unpacks_to_more_than_it_declares_is_stopped_at_its_declared_size()
    {
        // The headers say 1 KB; the data is 64 MB of zeros. The ratio and total checks see only the 1 KB.
        var liar = Zeros.Value.Named("xl/worksheets/sheet1.xml") with { DeclaredLength = 1024 };
        var zip = TestZip.Build([.. TestZip.PackageParts(), liar]);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = await RefusedAsync(zip);
        Assert.Equal("Files.ZipSizeMismatch", error.MessageKey);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 8 * 1024 * 1024);
    }

    [Theory]
    [InlineData(PackageKind.Docx, "xl/workbook.xml")]
    [InlineData(PackageKind.Pptx, "word/document.xml")]
    [InlineData(PackageKind.Xlsx, "ppt/presentation.xml")]
    public async Task A_zip_without_the_parts_of_its_kind_is_not_a_package(PackageKind kind, string otherMain)
    {
        var error = await RefusedAsync(TestZip.Build(TestZip.PackageParts(otherMain)), kind);
        Assert.Equal("Files.NotAPackage", error.MessageKey);
    }

    [Fact]
    public async Task A_zip_that_shows_a_harmless_zip64_directory_but_a_bomb_to_the_parser_is_refused()
    {
        // The ordinary end record points at the bomb's directory, with only its size saturated; a ZIP64 record points
        // at a second directory holding just the package's two harmless parts. .NET's reader (MiniExcel) follows the
        // ordinary record; a check that followed the ZIP64 one would pass the bomb.
        var bomb = TestZip.Bomb(Zeros.Value, 8);
        var eocd = bomb.Length - 22;
        var directoryAt = (int)BitConverter.ToUInt32(bomb, eocd + 16);
        var count = BitConverter.ToUInt16(bomb, eocd + 10);
        var harmlessLength = 0;
        for (var i = 0; i < 2; i++)
            harmlessLength += 46 + BitConverter.ToUInt16(bomb, directoryAt + harmlessLength + 28);
        var file = new MemoryStream();
        var w = new BinaryWriter(file);
        w.Write(bomb, 0, eocd);
        var harmlessAt = file.Position;
        w.Write(bomb, directoryAt, harmlessLength);
        var zip64At = file.Position;
        w.Write(0x06064b50u);
        w.Write(44L);
        w.Write((ushort)45);
        w.Write((ushort)45);
        w.Write(0u);
        w.Write(0u);
        w.Write(2L);
        w.Write(2L);
        w.Write((long)harmlessLength);
        w.Write(harmlessAt);
        w.Write(0x07064b50u);
        w.Write(0u);
        w.Write(zip64At);
        w.Write(1u);
        w.Write(0x06054b50u);
        w.Write((ushort)0);
        w.Write((ushort)0);
        w.Write(count);
        w.Write(count);
        w.Write(0xFFFFFFFFu);
        w.Write((uint)directoryAt);
        w.Write((ushort)0);
        w.Flush();

        Assert.Equal("Files.ZipInvalid", (await RefusedAsync(file.ToArray())).MessageKey);
    }

    [Fact]
    public async Task A_local_header_offset_at_the_very_end_is_refused_not_a_crash()
    {
        var zip = TestZip.Build(TestZip.PackageParts());
        var central = FindCentralHeader(zip);
        // No packed bytes, so the entry fits the file by its sizes; its local header would run past the end.
        BitConverter.GetBytes(0u).CopyTo(zip, central + 20);
        BitConverter.GetBytes((uint)(zip.Length - 29)).CopyTo(zip, central + 42);
        Assert.Equal("Files.ZipInvalid", (await RefusedAsync(zip)).MessageKey);
    }

    [Fact]
    public async Task A_plain_zip_an_encrypted_entry_and_a_truncated_file_are_refused()
    {
        var plain = new MemoryStream();
        using (var archive = new ZipArchive(plain, ZipArchiveMode.Create, leaveOpen: true))
            archive.CreateEntry("readme.txt");
        Assert.Equal("Files.NotAPackage", (await RefusedAsync(plain.ToArray())).MessageKey);

        var zip = TestZip.Build(TestZip.PackageParts());
        Assert.Equal("Files.ZipInvalid", (await RefusedAsync(zip[..^10])).MessageKey);
        Assert.Equal("Files.ZipInvalid", (await RefusedAsync("not a zip at all, just text"u8.ToArray())).MessageKey);

        var encrypted = (byte[])zip.Clone();
        var central = FindCentralHeader(encrypted);
        encrypted[central + 8] |= 1;
        Assert.Equal("Files.ZipInvalid", (await RefusedAsync(encrypted)).MessageKey);
    }

    [Fact]
    public async Task An_xml_part_with_a_doctype_is_refused()
    {
        var laughs = TestZip.Text("xl/workbook.xml", "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;\">]><workbook>&lol2;</workbook>");
        var zip = TestZip.Build([TestZip.PackageParts()[0], laughs]);
        Assert.Equal("Files.XmlDoctype", (await RefusedAsync(zip)).MessageKey);
    }

    private static int FindCentralHeader(byte[] zip)
    {
        for (var i = 0; i < zip.Length - 4; i++)
        {
            if (zip[i] == 0x50 && zip[i + 1] == 0x4B && zip[i + 2] == 1 && zip[i + 3] == 2)
                return i;
        }
        throw new InvalidOperationException("no central header");
    }
}
