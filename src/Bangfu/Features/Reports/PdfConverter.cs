using System.Diagnostics;

namespace Bangfu.Features.Reports;

/// DOCX → PDF through LibreOffice, when the machine has it (`apt-get install libreoffice-writer-nogui`).
/// Each conversion runs in its own profile directory, so conversions at the same time do not block each other.
public sealed class PdfConverter(ILogger<PdfConverter> logger)
{
    private static readonly string[] Candidates = ["/usr/bin/soffice", "/usr/bin/libreoffice", "/usr/lib/libreoffice/program/soffice", "/opt/libreoffice/program/soffice"];
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    public static string? Executable => Candidates.FirstOrDefault(File.Exists);

    public static bool IsAvailable => Executable is not null;

    /// Answers the PDF bytes, or null when the conversion failed (the reason is logged).
    public async Task<byte[]?> ConvertAsync(byte[] docx, CancellationToken ct)
    {
        var exe = Executable ?? throw new InvalidOperationException("LibreOffice is not installed.");
        var dir = Directory.CreateTempSubdirectory("bangfu-pdf-");
        try
        {
            var input = Path.Combine(dir.FullName, "summary.docx");
            await File.WriteAllBytesAsync(input, docx, ct);
            var start = new ProcessStartInfo(exe)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in new[] { $"-env:UserInstallation=file://{dir.FullName}/profile", "--headless", "--norestore", "--convert-to", "pdf", "--outdir", dir.FullName, input })
                start.ArgumentList.Add(arg);
            using var process = Process.Start(start)!;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(Timeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }
            var output = Path.Combine(dir.FullName, "summary.pdf");
            if (process.ExitCode == 0 && File.Exists(output))
                return await File.ReadAllBytesAsync(output, ct);
            logger.LogWarning("LibreOffice exited with {Code}: {Error}", process.ExitCode, await process.StandardError.ReadToEndAsync(ct));
            return null;
        }
        finally
        {
            try
            {
                dir.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A leftover temporary directory is harmless.
            }
        }
    }
}
