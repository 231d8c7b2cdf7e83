namespace Bangfu.Common;

/// Folders and files that hold patient data or keys: readable by the account that runs Bangfu and nobody else
/// (0700 folders, 0600 files on Unix), whatever the umask. Windows inherits the folder's ACL instead.
public static class OwnerOnly
{
    public const UnixFileMode FolderBits = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    public const UnixFileMode FileBits = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// Makes <paramref name="path"/> (and any missing parents) and narrows it to the owner if it already existed.
    public static string Folder(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return path;
        }
        Directory.CreateDirectory(path, FolderBits);
        if (File.GetUnixFileMode(path) != FolderBits)
            File.SetUnixFileMode(path, FolderBits);
        return path;
    }

    /// Narrows an existing file to the owner.
    public static void Narrow(string path)
    {
        if (!OperatingSystem.IsWindows() && File.Exists(path) && File.GetUnixFileMode(path) != FileBits)
            File.SetUnixFileMode(path, FileBits);
    }

    /// Options for a new file created owner-only from its first byte, so there is no moment it is world-readable.
    public static FileStreamOptions NewFile(FileMode mode = FileMode.CreateNew, FileAccess access = FileAccess.Write, bool asynchronous = true)
    {
        var options = new FileStreamOptions { Mode = mode, Access = access, Share = FileShare.None, BufferSize = 81920, Options = asynchronous ? FileOptions.Asynchronous : FileOptions.None };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = FileBits;
        return options;
    }

    /// A new temporary file (an export on its way to the response), owner-only from its first byte and gone when closed:
    /// exports hold names, addresses and patient records, and the temporary folder is shared by every local user.
    public static FileStream TemporaryFile(string prefix, string extension)
    {
        var options = NewFile(FileMode.CreateNew, FileAccess.ReadWrite);
        options.BufferSize = 64 * 1024;
        options.Options = FileOptions.DeleteOnClose | FileOptions.Asynchronous;
        return new FileStream(Path.Combine(Path.GetTempPath(), prefix + Guid.NewGuid().ToString("N") + extension), options);
    }

    /// Writes a small file (a key) owner-only from its first byte.
    public static void WriteAllText(string path, string text)
    {
        using (var stream = new FileStream(path, NewFile(FileMode.Create, asynchronous: false)))
        using (var writer = new StreamWriter(stream))
            writer.Write(text);
        Narrow(path);
    }
}
