using System.Net.Http.Headers;
using System.Text;
using Bangfu.Features.Files;

namespace Bangfu.IntegrationTests.TestData;

/// Upload forms as the attachment endpoints (consultations, referrals) take them, and small files of each kind.
public static class AttachmentData
{
    public static MultipartFormDataContent Upload(byte[] content, string fileName, AttachmentCategory category = AttachmentCategory.Ecg, string note = "入院心电图")
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        form.Add(new StringContent(category.ToString()), "category");
        form.Add(new StringContent(note), "note");
        return form;
    }

    public static byte[] Pdf(string text = "心电图报告") => Encoding.UTF8.GetBytes($"%PDF-1.4\n% {text}\n%%EOF\n");

    /// The PNG signature followed by an IHDR chunk's start: enough for the kind to be recognised.
    public static byte[] Png() => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x02];

    /// A Windows executable's first bytes.
    public static byte[] Executable()
    {
        var exe = new byte[600];
        "MZ"u8.CopyTo(exe);
        return exe;
    }
}
