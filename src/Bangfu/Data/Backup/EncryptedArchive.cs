using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Bangfu.Data.Backup;

/// Why a backup or a restore was refused; each has its own message so an operator knows whether to retype the
/// passphrase, look for another copy or upgrade Bangfu first.
public enum BackupFault
{
    NotAnArchive,
    WrongPassphrase,
    Damaged,
    Truncated,
    WeakPassphrase,
    OtherProvider,
    NewerSchema,
    TargetExists,
    ToolFailed,
}

public sealed class BackupException(BackupFault fault, string message) : Exception(message)
{
    public BackupFault Fault { get; } = fault;
}

/// The backup container: a small header, then AES-256-GCM over fixed-size chunks, so that an archive of any size is
/// written and read in constant memory and every chunk is authenticated before a byte of it is used.
///
/// Header (big-endian): magic "BFBACKUP", version 1, KDF 1 (PBKDF2-HMAC-SHA256), iterations u32, salt 16 bytes,
/// nonce base 12 bytes, chunk size u32, then HMAC-SHA256 of those bytes under a key derived from the passphrase: a
/// wrong passphrase is told apart from a damaged body before any chunk is tried.
///
/// Chunk: u32 (ciphertext length, top bit set on the last chunk), ciphertext, 16-byte tag. Chunk i's nonce is the base
/// with i XORed into its last 8 bytes; its associated data is the whole header, i and the length word, so chunks cannot
/// be reordered, moved between archives or re-flagged. An archive that ends without a last chunk is truncated; bytes
/// after it are damage.
public static class EncryptedArchive
{
    public const int Iterations = 600_000;
    public const int MaxIterations = 10_000_000;
    public const int ChunkSize = 64 * 1024;

    internal const int HeaderLength = 8 + 1 + 1 + 4 + 16 + 12 + 4 + 32;
    internal const int TagLength = 16;
    private const uint LastFlag = 0x8000_0000;
    private static readonly byte[] Magic = "BFBACKUP"u8.ToArray();

    public const int MinPassphraseLength = 12;

    /// A stream that encrypts what is written into <paramref name="output"/>. Call
    /// <see cref="ArchiveWriteStream.CompleteAsync"/> to write the last chunk; an archive disposed without it reads as truncated.
    public static ArchiveWriteStream Create(Stream output, string passphrase)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var nonceBase = RandomNumberGenerator.GetBytes(12);
        var header = new byte[HeaderLength];
        Magic.CopyTo(header, 0);
        header[8] = 1;
        header[9] = 1;
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(10), Iterations);
        salt.CopyTo(header, 14);
        nonceBase.CopyTo(header, 30);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(42), ChunkSize);
        var (key, check) = DeriveKeys(passphrase, salt, Iterations);
        HMACSHA256.HashData(check, header.AsSpan(0, 46), header.AsSpan(46));
        output.Write(header);
        return new ArchiveWriteStream(output, header, key, nonceBase);
    }

    /// Reads and checks the header of <paramref name="input"/> and returns a stream of its plaintext, which throws
    /// <see cref="BackupException"/> on the first chunk that fails its tag, and at the end when the last
    /// chunk is missing.
    public static async Task<ArchiveReadStream> OpenAsync(Stream input, string passphrase, CancellationToken ct = default)
    {
        var header = new byte[HeaderLength];
        if (await input.ReadAtLeastAsync(header, HeaderLength, throwOnEndOfStream: false, ct) < HeaderLength
            || !header.AsSpan(0, 8).SequenceEqual(Magic))
            throw Fault(BackupFault.NotAnArchive);
        if (header[8] != 1 || header[9] != 1)
            throw Fault(BackupFault.NotAnArchive);
        var iterations = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(10));
        var chunkSize = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(42));
        // Bounds keep a forged header from costing an hour of key derivation or a gigabyte of buffer.
        if (iterations is < Iterations or > MaxIterations || chunkSize is 0 or > 16 * 1024 * 1024)
            throw Fault(BackupFault.NotAnArchive);
        var (key, check) = DeriveKeys(passphrase, header.AsSpan(14, 16).ToArray(), (int)iterations);
        var expected = HMACSHA256.HashData(check, header.AsSpan(0, 46));
        if (!CryptographicOperations.FixedTimeEquals(expected, header.AsSpan(46, 32)))
            throw Fault(BackupFault.WrongPassphrase);
        return new ArchiveReadStream(input, header, key, header.AsSpan(30, 12).ToArray(), (int)chunkSize);
    }

    internal static BackupException Fault(BackupFault fault) => new(fault, fault switch
    {
        BackupFault.NotAnArchive => "这不是 Bangfu 备份文件，或其版本不受支持。 / This is not a Bangfu backup archive, or its version is not supported.",
        BackupFault.WrongPassphrase => "备份口令不正确（或文件头已损坏）。 / The backup passphrase is wrong (or the archive header is damaged).",
        BackupFault.Truncated => "备份文件不完整（被截断）。 / The backup archive is incomplete (truncated).",
        _ => "备份文件已损坏或被改动。 / The backup archive is damaged or has been altered.",
    });

    private static (byte[] Key, byte[] Check) DeriveKeys(string passphrase, byte[] salt, int iterations)
    {
        var secret = Encoding.UTF8.GetBytes(passphrase.Normalize(NormalizationForm.FormC));
        var master = Rfc2898DeriveBytes.Pbkdf2(secret, salt, iterations, HashAlgorithmName.SHA256, 32);
        var key = HKDF.Expand(HashAlgorithmName.SHA256, master, 32, "bangfu-backup v1 encryption"u8.ToArray());
        var check = HKDF.Expand(HashAlgorithmName.SHA256, master, 32, "bangfu-backup v1 header"u8.ToArray());
        CryptographicOperations.ZeroMemory(master);
        CryptographicOperations.ZeroMemory(secret);
        return (key, check);
    }

    internal static void ChunkContext(byte[] header, byte[] nonceBase, ulong index, uint word, Span<byte> nonce, Span<byte> aad)
    {
        nonceBase.CopyTo(nonce);
        var counter = BinaryPrimitives.ReadUInt64BigEndian(nonce[4..]) ^ index;
        BinaryPrimitives.WriteUInt64BigEndian(nonce[4..], counter);
        header.CopyTo(aad);
        BinaryPrimitives.WriteUInt64BigEndian(aad[HeaderLength..], index);
        BinaryPrimitives.WriteUInt32BigEndian(aad[(HeaderLength + 8)..], word);
    }

    internal static uint Word(int length, bool last) => (uint)length | (last ? LastFlag : 0);
    internal static (int Length, bool Last) Unword(uint word) => ((int)(word & ~LastFlag), (word & LastFlag) != 0);
}

public sealed class ArchiveWriteStream : Stream
{
    private readonly Stream _output;
    private readonly byte[] _header;
    private readonly byte[] _nonceBase;
    private readonly AesGcm _aes;
    private readonly byte[] _plain = new byte[EncryptedArchive.ChunkSize];
    private readonly byte[] _sealed = new byte[4 + EncryptedArchive.ChunkSize + EncryptedArchive.TagLength];
    private int _filled;
    private ulong _index;
    private bool _completed;

    internal ArchiveWriteStream(Stream output, byte[] header, byte[] key, byte[] nonceBase)
    {
        _output = output;
        _header = header;
        _nonceBase = nonceBase;
        _aes = new AesGcm(key, EncryptedArchive.TagLength);
        CryptographicOperations.ZeroMemory(key);
    }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => !_completed;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (buffer.Length > 0)
        {
            var n = Take(buffer);
            buffer = buffer[n..];
            if (_filled == _plain.Length)
                _output.Write(Seal(last: false).Span);
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (buffer.Length > 0)
        {
            var n = Take(buffer.Span);
            buffer = buffer[n..];
            if (_filled == _plain.Length)
                await _output.WriteAsync(Seal(last: false), cancellationToken);
        }
    }

    /// Writes the last chunk (marked as last) and flushes: only now is the archive complete.
    public async Task CompleteAsync(CancellationToken ct = default)
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        await _output.WriteAsync(Seal(last: true), ct);
        _completed = true;
        await _output.FlushAsync(ct);
    }

    private int Take(ReadOnlySpan<byte> buffer)
    {
        if (_completed)
            throw new InvalidOperationException("The archive is already complete.");
        var n = Math.Min(buffer.Length, _plain.Length - _filled);
        buffer[..n].CopyTo(_plain.AsSpan(_filled));
        _filled += n;
        return n;
    }

    private ReadOnlyMemory<byte> Seal(bool last)
    {
        var word = EncryptedArchive.Word(_filled, last);
        Span<byte> nonce = stackalloc byte[12];
        Span<byte> aad = stackalloc byte[EncryptedArchive.HeaderLength + 12];
        EncryptedArchive.ChunkContext(_header, _nonceBase, _index, word, nonce, aad);
        BinaryPrimitives.WriteUInt32BigEndian(_sealed, word);
        _aes.Encrypt(nonce, _plain.AsSpan(0, _filled), _sealed.AsSpan(4, _filled), _sealed.AsSpan(4 + _filled, EncryptedArchive.TagLength), aad);
        var length = 4 + _filled + EncryptedArchive.TagLength;
        CryptographicOperations.ZeroMemory(_plain.AsSpan(0, _filled));
        _filled = 0;
        _index++;
        return _sealed.AsMemory(0, length);
    }

    public override void Flush() => _output.Flush();
    public override Task FlushAsync(CancellationToken cancellationToken) => _output.FlushAsync(cancellationToken);
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _aes.Dispose();
            CryptographicOperations.ZeroMemory(_plain);
        }
        base.Dispose(disposing);
    }
}

public sealed class ArchiveReadStream : Stream
{
    private readonly Stream _input;
    private readonly byte[] _header;
    private readonly byte[] _nonceBase;
    private readonly int _chunkSize;
    private readonly AesGcm _aes;
    private readonly byte[] _plain;
    private readonly byte[] _sealed;
    private int _offset;
    private int _filled;
    private ulong _index;
    private bool _ended;

    internal ArchiveReadStream(Stream input, byte[] header, byte[] key, byte[] nonceBase, int chunkSize)
    {
        _input = input;
        _header = header;
        _nonceBase = nonceBase;
        _chunkSize = chunkSize;
        _plain = new byte[chunkSize];
        _sealed = new byte[chunkSize + EncryptedArchive.TagLength];
        _aes = new AesGcm(key, EncryptedArchive.TagLength);
        CryptographicOperations.ZeroMemory(key);
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (buffer.Length == 0)
            return 0;
        while (_offset == _filled)
        {
            if (_ended)
                return 0;
            var word = new byte[4];
            var length = Frame(_input.ReadAtLeast(word, 4, throwOnEndOfStream: false), word);
            var total = length + EncryptedArchive.TagLength;
            Open(_input.ReadAtLeast(_sealed.AsSpan(0, total), total, throwOnEndOfStream: false), word);
            if (_ended && _input.Read(new byte[1]) != 0)
                throw EncryptedArchive.Fault(BackupFault.Damaged);
        }
        var n = Math.Min(buffer.Length, _filled - _offset);
        _plain.AsSpan(_offset, n).CopyTo(buffer);
        _offset += n;
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.Length == 0)
            return 0;
        while (_offset == _filled)
        {
            if (_ended)
                return 0;
            var word = new byte[4];
            var length = Frame(await _input.ReadAtLeastAsync(word, 4, throwOnEndOfStream: false, cancellationToken), word);
            var total = length + EncryptedArchive.TagLength;
            Open(await _input.ReadAtLeastAsync(_sealed.AsMemory(0, total), total, throwOnEndOfStream: false, cancellationToken), word);
            if (_ended && await _input.ReadAsync(new byte[1], cancellationToken) != 0)
                throw EncryptedArchive.Fault(BackupFault.Damaged);
        }
        var n = Math.Min(buffer.Length, _filled - _offset);
        _plain.AsMemory(_offset, n).CopyTo(buffer);
        _offset += n;
        return n;
    }

    /// Reads the rest of the archive, checking every chunk and the end marker, without keeping anything.
    public async Task VerifyToEndAsync(CancellationToken ct = default)
    {
        var sink = new byte[_chunkSize];
        while (await ReadAsync(sink, ct) > 0)
        {
        }
    }

    /// The ciphertext length announced by a chunk's length word (read <paramref name="read"/> bytes of it).
    private int Frame(int read, byte[] wordBytes)
    {
        if (read < 4)
            throw EncryptedArchive.Fault(BackupFault.Truncated);
        var (length, last) = EncryptedArchive.Unword(BinaryPrimitives.ReadUInt32BigEndian(wordBytes));
        // Every chunk but the last is full: a short one in the middle is a splice.
        if (length > _chunkSize || (!last && length != _chunkSize))
            throw EncryptedArchive.Fault(BackupFault.Damaged);
        return length;
    }

    private void Open(int read, byte[] wordBytes)
    {
        var word = BinaryPrimitives.ReadUInt32BigEndian(wordBytes);
        var (length, last) = EncryptedArchive.Unword(word);
        if (read < length + EncryptedArchive.TagLength)
            throw EncryptedArchive.Fault(BackupFault.Truncated);
        Span<byte> nonce = stackalloc byte[12];
        Span<byte> aad = stackalloc byte[EncryptedArchive.HeaderLength + 12];
        EncryptedArchive.ChunkContext(_header, _nonceBase, _index, word, nonce, aad);
        try
        {
            _aes.Decrypt(nonce, _sealed.AsSpan(0, length), _sealed.AsSpan(length, EncryptedArchive.TagLength), _plain.AsSpan(0, length), aad);
        }
        catch (AuthenticationTagMismatchException)
        {
            throw EncryptedArchive.Fault(BackupFault.Damaged);
        }
        _offset = 0;
        _filled = length;
        _index++;
        _ended = last;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _aes.Dispose();
            CryptographicOperations.ZeroMemory(_plain);
        }
        base.Dispose(disposing);
    }
}
