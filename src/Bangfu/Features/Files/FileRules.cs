using System.Text;
using System.Text.RegularExpressions;

namespace Bangfu.Features.Files;

/// A kind of file we accept: the extensions it may carry, its content type, and how its first bytes look.
public sealed record FileKind(string Name, string ContentType, IReadOnlyList<string> Extensions, Func<ReadOnlyMemory<byte>, bool> Matches);

/// The kinds each purpose accepts and how a kind is recognised from content. The name a file arrives with is never
/// trusted on its own: the content must be of the kind its extension claims (a renamed .exe is refused).
public static partial class FileRules
{
    /// How many leading bytes are read to recognise a kind (DICOM's marker sits at 128).
    public const int SniffLength = 512;

    public static readonly FileKind Pdf = new("pdf", "application/pdf", [".pdf"], b => StartsWith(b, "%PDF-"u8));
    public static readonly FileKind Png = new("png", "image/png", [".png"], b => StartsWith(b, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]));
    public static readonly FileKind Jpeg = new("jpeg", "image/jpeg", [".jpg", ".jpeg"], b => StartsWith(b, [0xFF, 0xD8, 0xFF]));
    public static readonly FileKind Dicom = new("dicom", "application/dicom", [".dcm", ".dicom"],
        b => b.Length >= 132 && b.Span.Slice(128, 4).SequenceEqual("DICM"u8));

    /// ECG exports as XML (HL7 aECG and the vendors' own XML).
    public static readonly FileKind EcgXml = new("xml", "application/xml", [".xml"], LooksLikeXml);
    public static readonly FileKind Docx = new("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", [".docx"], IsZip);
    public static readonly FileKind Pptx = new("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation", [".pptx"], IsZip);
    public static readonly FileKind Xlsx = new("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", [".xlsx"], IsZip);
    public static readonly FileKind Mp4 = new("mp4", "video/mp4", [".mp4", ".m4v"], b => b.Length >= 12 && b.Span.Slice(4, 4).SequenceEqual("ftyp"u8));

    public static IReadOnlyList<FileKind> KindsFor(FilePurpose purpose) => purpose switch
    {
        FilePurpose.Clinical => [Pdf, Png, Jpeg, Dicom, EcgXml],
        FilePurpose.Courseware => [Pdf, Pptx, Docx, Xlsx, Mp4, Png, Jpeg],
        FilePurpose.Evidence => [Jpeg, Png, Pdf, Docx, Xlsx],
        FilePurpose.Import => [Xlsx],
        _ => [],
    };

    /// Extensions as the upload forms show them, e.g. ".pdf, .png, .jpg".
    public static string AcceptList(FilePurpose purpose) => string.Join(", ", KindsFor(purpose).SelectMany(k => k.Extensions));

    /// Executables and scripts are refused whatever they are named.
    public static bool IsExecutable(ReadOnlyMemory<byte> head) =>
        StartsWith(head, "MZ"u8)                        // Windows PE
        || StartsWith(head, [0x7F, 0x45, 0x4C, 0x46])   // ELF
        || StartsWith(head, [0xCF, 0xFA, 0xED, 0xFE])   // Mach-O
        || StartsWith(head, [0xCA, 0xFE, 0xBA, 0xBE])   // Mach-O universal / Java class
        || StartsWith(head, "#!"u8);                    // scripts

    /// HTML or SVG, whatever the name says: a browser that sniffed it would run its script in our origin.
    public static bool IsMarkup(ReadOnlyMemory<byte> head)
    {
        var text = TextOf(head);
        return text.StartsWith('<') && ActiveTag().IsMatch(text);
    }

    // An element a browser acts on, with or without a prefix (<svg:svg>), as far as the first bytes show.
    [GeneratedRegex(@"<!doctype\s+(html|svg)|<([\w.-]+:)?(html|svg|script|body|head|iframe|object|embed|img)[\s/>]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ActiveTag();

    /// The OOXML package a ZIP-based kind must be.
    public static PackageKind? PackageOf(FileKind kind) =>
        kind == Xlsx ? PackageKind.Xlsx : kind == Docx ? PackageKind.Docx : kind == Pptx ? PackageKind.Pptx : null;

    private static bool StartsWith(ReadOnlyMemory<byte> data, ReadOnlySpan<byte> prefix) => data.Span.StartsWith(prefix);

    private static bool IsZip(ReadOnlyMemory<byte> b) => StartsWith(b, [0x50, 0x4B, 0x03, 0x04]);

    /// Only the look of the start; the whole file is parsed before it is kept (<see cref="XmlGuard"/>).
    private static bool LooksLikeXml(ReadOnlyMemory<byte> b) => TextOf(b).StartsWith('<') && !IsMarkup(b);

    private static string TextOf(ReadOnlyMemory<byte> b)
    {
        var span = b.Span;
        if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            span = span[3..];
        return Encoding.UTF8.GetString(span).TrimStart();
    }
}
