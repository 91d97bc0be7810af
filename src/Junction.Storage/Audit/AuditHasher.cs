using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Junction.Storage.Audit;

/// <summary>
/// The chain's hash: SHA-256 over the previous row's hash (32 bytes; 32 zero bytes before row 1) followed by the
/// row's canonical form: id and time (Unix ms) as 8-byte big-endian integers, then tenant, actor, action, target,
/// before and after, each as one byte (0 null, 1 present) and, when present, a 4-byte big-endian length and the
/// UTF-8 bytes. Fully specified here, so it depends on no serializer's choices and can be re-checked by any tool.
/// </summary>
internal static class AuditHasher
{
    public static byte[] Genesis { get; } = new byte[SHA256.HashSizeInBytes];

    public static byte[] Hash(ReadOnlySpan<byte> previousHash, long id, long atMillis, string? tenantId, string actorKeyId, string action, string target, string? beforeJson, string? afterJson)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        buffer.Write(previousHash);
        WriteInt64(buffer, id);
        WriteInt64(buffer, atMillis);
        WriteString(buffer, tenantId);
        WriteString(buffer, actorKeyId);
        WriteString(buffer, action);
        WriteString(buffer, target);
        WriteString(buffer, beforeJson);
        WriteString(buffer, afterJson);
        return SHA256.HashData(buffer.WrittenSpan);
    }

    private static void WriteInt64(ArrayBufferWriter<byte> buffer, long value)
    {
        BinaryPrimitives.WriteInt64BigEndian(buffer.GetSpan(8), value);
        buffer.Advance(8);
    }

    private static void WriteString(ArrayBufferWriter<byte> buffer, string? value)
    {
        if (value is null)
        {
            buffer.Write([(byte)0]);
            return;
        }

        var length = Encoding.UTF8.GetByteCount(value);
        var span = buffer.GetSpan(5 + length);
        span[0] = 1;
        BinaryPrimitives.WriteInt32BigEndian(span[1..], length);
        Encoding.UTF8.GetBytes(value, span[5..]);
        buffer.Advance(5 + length);
    }
}
