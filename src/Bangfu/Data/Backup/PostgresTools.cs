using System.Diagnostics;
using Npgsql;

namespace Bangfu.Data.Backup;

/// Runs PostgreSQL's own client programs (pg_dump, pg_restore, psql) against the configured database. The
/// connection string is handed over as PG* environment variables, never on the command line, where any local user
/// could read the password from the process list.
public sealed class PostgresTools(string connectionString, string? binDir)
{
    public async Task DumpAsync(string target, CancellationToken ct)
    {
        using var dump = Start("pg_dump", ["--format=custom", "--no-password", "--file", target], redirectInput: false);
        var error = dump.StandardError.ReadToEndAsync(ct);
        var output = dump.StandardOutput.ReadToEndAsync(ct);
        await dump.WaitForExitAsync(ct);
        await output;
        if (dump.ExitCode != 0)
            throw Failed("pg_dump", dump.ExitCode, await error);
    }

    /// Replays <paramref name="dump"/> into the configured database in one transaction: either every table is the
    /// archive's or nothing changed. <paramref name="prelude"/> runs first inside that transaction.
    public async Task RestoreAsync(string dump, string prelude, CancellationToken ct)
    {
        // pg_restore writes the whole script to a file first (with its own DROP ... IF EXISTS for every object of the
        // dump), and only a script it finished is run: a pg_restore that fails (an archive from a newer pg_dump) or
        // dies halfway must not leave psql to commit the prelude's drops and half a script. psql then runs prelude and
        // script as one transaction (--single-transaction wraps every -f), stopping at the first error, which rolls
        // all of it back.
        var folder = Path.GetDirectoryName(Path.GetFullPath(dump))!;
        var script = Path.Combine(folder, "restore.sql");
        var first = Path.Combine(folder, "prelude.sql");
        try
        {
            using (var restore = Start("pg_restore", ["--clean", "--if-exists", "--no-owner", "--no-privileges", "--file", script, dump], redirectInput: false))
            {
                var restoreErrors = restore.StandardError.ReadToEndAsync(ct);
                var restoreOutput = restore.StandardOutput.ReadToEndAsync(ct);
                await restore.WaitForExitAsync(ct);
                await restoreOutput;
                if (restore.ExitCode != 0)
                    throw Failed("pg_restore", restore.ExitCode, await restoreErrors);
            }
            await File.WriteAllTextAsync(first, prelude, ct);
            using var psql = Start("psql", ["--no-psqlrc", "--quiet", "--no-password", "--single-transaction", "--set", "ON_ERROR_STOP=1", "--file", first, "--file", script],
                redirectInput: false);
            var psqlErrors = psql.StandardError.ReadToEndAsync(ct);
            var psqlOutput = psql.StandardOutput.ReadToEndAsync(ct);
            await psql.WaitForExitAsync(ct);
            await psqlOutput;
            if (psql.ExitCode != 0)
                throw Failed("psql", psql.ExitCode, await psqlErrors);
        }
        finally
        {
            File.Delete(script);
            File.Delete(first);
        }
    }

    private Process Start(string program, string[] arguments, bool redirectInput)
    {
        var info = new ProcessStartInfo(Find(program))
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            RedirectStandardInput = redirectInput,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        var cs = new NpgsqlConnectionStringBuilder(connectionString);
        Set(info, "PGHOST", cs.Host);
        Set(info, "PGPORT", cs.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Set(info, "PGUSER", cs.Username);
        Set(info, "PGPASSWORD", cs.Password);
        Set(info, "PGDATABASE", cs.Database);
        Set(info, "PGSSLMODE", cs.SslMode switch
        {
            SslMode.Disable => "disable",
            SslMode.Allow => "allow",
            SslMode.Require => "require",
            SslMode.VerifyCA => "verify-ca",
            SslMode.VerifyFull => "verify-full",
            _ => "prefer",
        });
        Set(info, "PGAPPNAME", "bangfu-backup");
        Set(info, "PGCONNECT_TIMEOUT", "15");
        return Process.Start(info) ?? throw new BackupException(BackupFault.ToolFailed, $"无法启动 {program} / Could not start {program}");
    }

    private static void Set(ProcessStartInfo info, string name, string? value)
    {
        if (value is { Length: > 0 })
            info.Environment[name] = value;
        else
            info.Environment.Remove(name);
    }

    /// The configured folder, then PATH, then the newest Debian/Ubuntu install (/usr/lib/postgresql/N/bin).
    private string Find(string program)
    {
        if (binDir is { Length: > 0 })
            return Path.Combine(binDir, program);
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, program);
            if (File.Exists(candidate))
                return candidate;
        }
        var installed = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => (Version: int.TryParse(Path.GetFileName(d), out var v) ? v : -1, Path: Path.Combine(d, "bin", program)))
                .Where(c => c.Version >= 0 && File.Exists(c.Path))
                .OrderByDescending(c => c.Version)
                .Select(c => c.Path)
                .FirstOrDefault()
            : null;
        return installed ?? throw new BackupException(BackupFault.ToolFailed,
            $"找不到 PostgreSQL 客户端程序 {program}：请安装 postgresql-client，或设置 Bangfu__Backup__PostgresBinDir。 / " +
            $"PostgreSQL client program {program} not found: install postgresql-client or set Bangfu__Backup__PostgresBinDir.");
    }

    private static BackupException Failed(string program, int code, string error) =>
        new(BackupFault.ToolFailed, $"{program} 失败（退出码 {code}） / {program} failed (exit code {code}):\n{error.Trim()}");
}
