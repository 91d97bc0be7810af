using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Junction.Server.Pipeline;

/// <summary>
/// Trace ids: <c>trc_</c> + a UUIDv7 in hex (48 bits of Unix milliseconds, then 74 random bits), so they sort by
/// time and cannot be guessed. <see cref="Guid.CreateVersion7()"/> asks the kernel for its random bits on every
/// call, a system call per request that showed up as 2% of the gateway's CPU under load; here each thread draws
/// 4 KB of cryptographically secure random bytes at a time and uses them ten at a time.
/// </summary>
internal static class TraceIds
{
    private const int RandomBytesPerId = 10;
    private const int RandomBufferSize = 4096;

    [ThreadStatic]
    private static byte[]? t_random;

    [ThreadStatic]
    private static int t_next;

    public static string New(TimeProvider time) => New(time.GetUtcNow().ToUnixTimeMilliseconds());

    public static string New(long unixMilliseconds)
    {
        Span<byte> uuid = stackalloc byte[16];
        BinaryPrimitives.WriteInt64BigEndian(uuid[..8], unixMilliseconds << 16);
        TakeRandom(uuid[6..]);
        uuid[6] = (byte)(0x70 | (uuid[6] & 0x0F)); // version 7
        uuid[8] = (byte)(0x80 | (uuid[8] & 0x3F)); // variant 10
        return string.Create(36, uuid, static (span, bytes) =>
        {
            "trc_".CopyTo(span);
            Convert.TryToHexStringLower(bytes, span[4..], out _);
        });
    }

    private static void TakeRandom(Span<byte> destination)
    {
        var random = t_random ??= new byte[RandomBufferSize];
        if (t_next == 0 || t_next + RandomBytesPerId > random.Length)
        {
            RandomNumberGenerator.Fill(random);
            t_next = 0;
        }

        var taken = random.AsSpan(t_next, RandomBytesPerId);
        taken.CopyTo(destination);
        taken.Clear(); // used bytes do not linger in memory
        t_next += RandomBytesPerId;
    }
}
