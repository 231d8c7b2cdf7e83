using System.Globalization;
using System.Text;
using Bangfu.Features.Patients;

namespace Bangfu.Data.Backup;

/// The `backup <file>` and `restore <file>` verbs: the passphrase from BANGFU_BACKUP_PASSPHRASE or typed without
/// echo, the work done by <see cref="BackupService"/>, and a bilingual account of it. Returns the exit code.
public static class BackupCommand
{
    public const string PassphraseVariable = "BANGFU_BACKUP_PASSPHRASE";

    public static async Task<int> RunAsync(IServiceProvider services, string verb, string? file)
    {
        if (string.IsNullOrWhiteSpace(file))
        {
            Console.Error.WriteLine($"用法 / usage: dotnet run --project src/Bangfu -- {verb} <文件 / file>");
            return 2;
        }
        var service = services.GetRequiredService<BackupService>();
        try
        {
            if (verb == "backup")
            {
                var passphrase = ReadPassphrase(confirm: true);
                Console.WriteLine("正在备份，服务可以继续运行…… / Backing up; the server may keep running...");
                var manifest = await service.CreateAsync(file, passphrase);
                Console.WriteLine(Invariant($"备份已写入 / backup written: {Path.GetFullPath(file)}"));
                Console.WriteLine(Invariant($"  数据库 / database: {manifest.Provider}，{manifest.Migrations.Count} 个迁移 / migrations (最新 / latest {(manifest.Migrations.Count > 0 ? manifest.Migrations[^1] : "-")})"));
                Console.WriteLine(Invariant($"  上传文件 / uploaded files: {manifest.FileCount}"));
                Console.WriteLine(Invariant($"  密钥 / keys: 数据保护 / data protection {manifest.KeyRingCount}，身份证号密钥 / identity key {(manifest.HoldsIdentityKey ? "已包含 / included" : "未包含 / not included")}"));
                if (!manifest.HoldsIdentityKey && services.GetRequiredService<PatientDataOptions>().Key is { Length: > 0 })
                {
                    Console.WriteLine("  注意：身份证号密钥来自配置（Bangfu__Patients__Key），不在备份中，请另行妥善保管。 / " +
                        "Note: the identity key comes from configuration (Bangfu__Patients__Key) and is not in the archive; keep it safe separately.");
                }
                Console.WriteLine("  口令丢失则备份无法恢复；请把口令与备份分开保管。 / Without the passphrase the archive cannot be restored: keep them apart.");
            }
            else
            {
                Console.WriteLine("恢复会替换数据库、上传文件和密钥：请先停止 Bangfu 服务。 / Restore replaces the database, uploaded files and keys: stop the Bangfu server first.");
                var passphrase = ReadPassphrase(confirm: false);
                Console.WriteLine("正在校验整个备份…… / Verifying the whole archive...");
                var result = await service.RestoreAsync(file, passphrase);
                Console.WriteLine(Invariant($"已从备份恢复 / restored from the archive made {result.Manifest.CreatedAt:yyyy-MM-dd HH:mm:ss} UTC (Bangfu {result.Manifest.AppVersion})"));
                Console.WriteLine(Invariant($"  数据库 / database: {result.Manifest.Provider}；上传文件 / uploaded files: {result.Manifest.FileCount}；数据保护密钥 / data protection keys: {result.Manifest.KeyRingCount}"));
                Console.WriteLine(result.MigrationsApplied.Count == 0
                    ? "  备份与本版本数据库结构一致，无需迁移。 / The archive matches this version's schema; no migration needed."
                    : Invariant($"  已执行较新的迁移 / newer migrations applied: {string.Join(", ", result.MigrationsApplied)}"));
                foreach (var kept in result.KeptAside)
                    Console.WriteLine($"  原有数据保存在 / previous data kept at: {kept}");
                Console.WriteLine("现在可以启动 Bangfu。 / You may start Bangfu now.");
            }
            return 0;
        }
        catch (BackupException e)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine(verb == "restore" ? "未做任何改动。 / Nothing was changed." : "未写入备份。 / No archive was written.");
            return 1;
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string ReadPassphrase(bool confirm)
    {
        var configured = Environment.GetEnvironmentVariable(PassphraseVariable);
        if (!string.IsNullOrEmpty(configured))
        {
            BackupService.CheckPassphrase(configured);
            return configured;
        }
        if (Console.IsInputRedirected)
        {
            throw new BackupException(BackupFault.WeakPassphrase,
                $"没有备份口令：请设置 {PassphraseVariable}，或在终端中运行以输入口令。 / No passphrase: set {PassphraseVariable}, or run in a terminal to type it.");
        }
        var first = Prompt("备份口令 / backup passphrase: ");
        BackupService.CheckPassphrase(first);
        if (confirm && Prompt("再输入一次 / once more: ") != first)
            throw new BackupException(BackupFault.WeakPassphrase, "两次输入的口令不一致。 / The two passphrases differ.");
        return first;
    }

    private static string Prompt(string label)
    {
        Console.Write(label);
        var typed = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
                break;
            if (key.Key == ConsoleKey.Backspace)
            {
                if (typed.Length > 0)
                    typed.Length--;
            }
            else if (!char.IsControl(key.KeyChar))
            {
                typed.Append(key.KeyChar);
            }
        }
        Console.WriteLine();
        return typed.ToString();
    }
}
