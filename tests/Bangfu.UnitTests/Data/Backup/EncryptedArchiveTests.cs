using System.Security.Cryptography;
using Bangfu.Data.Backup;

namespace Bangfu.UnitTests.Data.Backup;

public sealed class EncryptedArchiveTests
{
    private const string Passphrase = "长城-Great Wall-2026";
    private const int Header = 78;
    private const int FullChunk = 4 + EncryptedArchive.ChunkSize + 16;

    private static byte[] Seal(byte[] plain, bool complete = true)
    {
        using var output = new MemoryStream();
        var archive = EncryptedArchive.Create(output, Passphrase);
        archive.Write(plain.AsSpan(0, plain.Length / 2));
        archive.WriteAsync(plain.AsMemory(plain.Length / 2)).AsTask().GetAwaiter().GetResult();
        if (complete)
            archive.CompleteAsync().GetAwaiter().GetResult();
        archive.Dispose();
        return output.ToArray();
    }

    private static async Task<byte[]> OpenAsync(byte[] sealedBytes, string passphrase = Passphrase)
    {
        await using var archive = await EncryptedArchive.OpenAsync(new MemoryStream(sealedBytes), passphrase);
        using var plain = new MemoryStream();
        await archive.CopyToAsync(plain);
        return plain.ToArray();
    }

    private static async Task<BackupFault> RefusedAsync(byte[] sealedBytes, string passphrase = Passphrase) =>
        (await Assert.ThrowsAsync<BackupException>(() => OpenAsync(sealedBytes, passphrase))).Fault;

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(EncryptedArchive.ChunkSize)]
    [InlineData(2 * EncryptedArchive.ChunkSize)]
    [InlineData(3 * EncryptedArchive.ChunkSize + 100)]
    public async Task What_is_sealed_opens_to_the_same_bytes_read_either_way(int length)
    {
        var plain = RandomNumberGenerator.GetBytes(length);
        var sealedBytes = Seal(plain);
        Assert.Equal(plain, await OpenAsync(sealedBytes));

        using var archive = await EncryptedArchive.OpenAsync(new MemoryStream(sealedBytes), Passphrase);
        using var copy = new MemoryStream();
        archive.CopyTo(copy, 1000);
        Assert.Equal(plain, copy.ToArray());
    }

    [Fact]
    public void The_content_does_not_appear_in_the_archive()
    {
        var plain = "患者 张三 110101199003071234 "u8.ToArray();
        var sealedBytes = Seal([.. Enumerable.Repeat(plain, 100).SelectMany(b => b)]);
        Assert.Equal(-1, sealedBytes.AsSpan().IndexOf(plain.AsSpan(0, 16)));
        Assert.Equal(Header + 4 + plain.Length * 100 + 16, sealedBytes.Length);
    }

    [Fact]
    public async Task A_wrong_passphrase_is_told_apart_from_damage()
    {
        var sealedBytes = Seal(RandomNumberGenerator.GetBytes(1000));
        Assert.Equal(BackupFault.WrongPassphrase, await RefusedAsync(sealedBytes, "长城-Great Wall-2025"));
    }

    [Fact]
    public async Task One_flipped_byte_anywhere_in_the_body_or_the_header_is_refused()
    {
        var sealedBytes = Seal(RandomNumberGenerator.GetBytes(3 * EncryptedArchive.ChunkSize + 100));
        foreach (var at in new[] { Header + 10, Header + FullChunk + 4 + 500, sealedBytes.Length - 1, Header + 2 * FullChunk - 3 })
        {
            var tampered = (byte[])sealedBytes.Clone();
            tampered[at] ^= 0x01;
            Assert.Equal(BackupFault.Damaged, await RefusedAsync(tampered));
        }
        // The salt, the nonce base and the chunk size sit under the header's own MAC.
        foreach (var at in new[] { 20, 35, 45 })
        {
            var tampered = (byte[])sealedBytes.Clone();
            tampered[at] ^= 0x01;
            Assert.Equal(BackupFault.WrongPassphrase, await RefusedAsync(tampered));
        }
    }

    [Fact]
    public async Task An_archive_cut_short_at_a_chunk_boundary_inside_a_chunk_or_never_completed_is_truncated()
    {
        var plain = RandomNumberGenerator.GetBytes(3 * EncryptedArchive.ChunkSize + 100);
        var sealedBytes = Seal(plain);
        Assert.Equal(BackupFault.Truncated, await RefusedAsync(sealedBytes[..(Header + 3 * FullChunk)]));
        Assert.Equal(BackupFault.Truncated, await RefusedAsync(sealedBytes[..(Header + FullChunk + 1000)]));
        Assert.Equal(BackupFault.Truncated, await RefusedAsync(sealedBytes[..^1]));
        Assert.Equal(BackupFault.Truncated, await RefusedAsync(Seal(plain, complete: false)));
    }

    [Fact]
    public async Task Bytes_after_the_last_chunk_and_chunks_swapped_or_dropped_are_refused()
    {
        var sealedBytes = Seal(RandomNumberGenerator.GetBytes(3 * EncryptedArchive.ChunkSize + 100));
        Assert.Equal(BackupFault.Damaged, await RefusedAsync([.. sealedBytes, 0]));

        var swapped = (byte[])sealedBytes.Clone();
        sealedBytes.AsSpan(Header, FullChunk).CopyTo(swapped.AsSpan(Header + FullChunk));
        sealedBytes.AsSpan(Header + FullChunk, FullChunk).CopyTo(swapped.AsSpan(Header));
        Assert.Equal(BackupFault.Damaged, await RefusedAsync(swapped));

        byte[] dropped = [.. sealedBytes.AsSpan(0, Header), .. sealedBytes.AsSpan(Header + FullChunk)];
        Assert.Equal(BackupFault.Damaged, await RefusedAsync(dropped));
    }

    [Fact]
    public async Task A_file_that_is_not_an_archive_is_named_as_such()
    {
        Assert.Equal(BackupFault.NotAnArchive, await RefusedAsync("SQLite format 3\0 and then some more bytes of a database file"u8.ToArray()));
        Assert.Equal(BackupFault.NotAnArchive, await RefusedAsync([]));
    }
}
