namespace Junction.Providers.Tests.Infrastructure;

/// <summary>A read-only stream that hands out its bytes in the given pieces, one piece per read, as a network would.</summary>
public sealed class ChunkedStream(IReadOnlyList<byte[]> chunks) : Stream
{
    private int _chunk;
    private int _offset;

    public static ChunkedStream SplitAt(byte[] bytes, params int[] offsets)
    {
        var pieces = new List<byte[]>();
        var start = 0;
        foreach (var offset in offsets)
        {
            pieces.Add(bytes[start..offset]);
            start = offset;
        }

        pieces.Add(bytes[start..]);
        return new ChunkedStream(pieces);
    }

    public static ChunkedStream ByteByByte(byte[] bytes) => new(bytes.Select(b => new[] { b }).ToList());

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        while (_chunk < chunks.Count && _offset == chunks[_chunk].Length)
        {
            _chunk++;
            _offset = 0;
        }

        if (_chunk == chunks.Count)
        {
            return 0;
        }

        var piece = chunks[_chunk].AsSpan(_offset);
        var count = Math.Min(piece.Length, buffer.Length);
        piece[..count].CopyTo(buffer);
        _offset += count;
        return count;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
