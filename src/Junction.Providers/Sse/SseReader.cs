using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.IO.Pipelines;

namespace Junction.Providers.Sse;

/// <summary>
/// Reads Server-Sent Events from a byte stream as they arrive, per the WHATWG event-stream rules: <c>data</c> lines
/// (with or without the space after the colon, joined with <c>\n</c> when there are several), <c>event</c> names,
/// comments, CRLF/LF/CR line ends, a leading BOM. Works on bytes: a read may end anywhere, inside a line or a UTF-8
/// sequence. An event still open when the stream ends is discarded, as the spec says.
/// </summary>
public sealed class SseReader : IAsyncDisposable
{
    /// <summary>The largest event (or unterminated line) accepted before the stream is declared malformed.</summary>
    public const int DefaultMaxEventBytes = 16 * 1024 * 1024;

    private static ReadOnlySpan<byte> Bom => [0xEF, 0xBB, 0xBF];

    private static ReadOnlySpan<byte> LineEnds => "\r\n"u8;

    private readonly PipeReader _reader;
    private readonly int _maxEventBytes;
    private byte[] _data;
    private int _dataLength;
    private bool _hasData;
    private byte[] _eventType;
    private int _eventTypeLength;
    private bool _dispatched;
    private bool _bomChecked;
    private bool _finished;
    private bool _disposed;

    /// <summary>Reads from <paramref name="stream"/>; disposing the reader disposes the stream unless <paramref name="leaveOpen"/>.</summary>
    public SseReader(Stream stream, bool leaveOpen = false, int maxEventBytes = DefaultMaxEventBytes)
        : this(PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 4096, leaveOpen: leaveOpen)), maxEventBytes)
    {
    }

    /// <summary>Reads from <paramref name="reader"/>; disposing the reader completes it.</summary>
    public SseReader(PipeReader reader, int maxEventBytes = DefaultMaxEventBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEventBytes, 16);
        _reader = reader;
        _maxEventBytes = maxEventBytes;
        _data = ArrayPool<byte>.Shared.Rent(1024);
        _eventType = ArrayPool<byte>.Shared.Rent(64);
    }

    /// <summary>The event the last successful <see cref="ReadAsync"/> produced.</summary>
    public SseEvent Current => _dispatched
        ? new SseEvent(new ReadOnlyMemory<byte>(_eventType, 0, _eventTypeLength), new ReadOnlyMemory<byte>(_data, 0, _dataLength))
        : default;

    /// <summary>
    /// Advances to the next event. Returns false at the end of the stream. Throws <see cref="InvalidDataException"/>
    /// when an event exceeds the size limit; I/O and cancellation exceptions of the underlying stream pass through.
    /// </summary>
    public async ValueTask<bool> ReadAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_dispatched)
        {
            _dispatched = false;
            _dataLength = 0;
            _hasData = false;
            _eventTypeLength = 0;
        }

        while (!_finished)
        {
            var result = await _reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (Parse(buffer, result.IsCompleted, out var consumed))
            {
                _reader.AdvanceTo(consumed);
                _dispatched = true;
                return true;
            }

            if (result.IsCompleted)
            {
                _reader.AdvanceTo(buffer.End);
                _finished = true;
                break;
            }

            if (buffer.Slice(consumed).Length > _maxEventBytes)
            {
                ThrowTooLarge();
            }

            _reader.AdvanceTo(consumed, buffer.End);
        }

        return false;
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _reader.CompleteAsync().ConfigureAwait(false);
        ArrayPool<byte>.Shared.Return(_data);
        ArrayPool<byte>.Shared.Return(_eventType);
        _data = [];
        _eventType = [];
    }

    /// <summary>Consumes whole lines until one completes an event (true) or no whole line is left (false).</summary>
    private bool Parse(ReadOnlySequence<byte> buffer, bool isCompleted, out SequencePosition consumed)
    {
        var reader = new SequenceReader<byte>(buffer);
        consumed = buffer.Start;
        if (!_bomChecked)
        {
            if (reader.Remaining < Bom.Length && !isCompleted && StartsWithPartialBom(buffer))
            {
                return false;
            }

            _bomChecked = true;
            if (reader.IsNext(Bom, advancePast: true))
            {
                consumed = reader.Position;
            }
        }

        while (TryReadLine(ref reader, isCompleted, out var line))
        {
            consumed = reader.Position;
            if (ProcessLine(line))
            {
                return true;
            }
        }

        return false;
    }

    private static bool StartsWithPartialBom(ReadOnlySequence<byte> buffer)
    {
        Span<byte> head = stackalloc byte[3];
        var length = (int)Math.Min(buffer.Length, 3);
        buffer.Slice(0, length).CopyTo(head);
        return Bom.StartsWith(head[..length]);
    }

    private static bool TryReadLine(ref SequenceReader<byte> reader, bool isCompleted, out ReadOnlySequence<byte> line)
    {
        var consumedBefore = reader.Consumed;
        if (!reader.TryReadToAny(out line, LineEnds, advancePastDelimiter: false))
        {
            return false;
        }

        reader.TryRead(out var end);
        if (end == (byte)'\r')
        {
            if (reader.TryPeek(out var next))
            {
                if (next == (byte)'\n')
                {
                    reader.Advance(1);
                }
            }
            else if (!isCompleted)
            {
                // A CR at the end of what has arrived may be the first half of a CRLF: wait for the next byte.
                reader.Rewind(reader.Consumed - consumedBefore);
                return false;
            }
        }

        return true;
    }

    /// <summary>Applies one line to the pending event; true when the line (a blank one) dispatches it.</summary>
    private bool ProcessLine(ReadOnlySequence<byte> line)
    {
        if (line.IsEmpty)
        {
            if (_hasData)
            {
                return true;
            }

            _eventTypeLength = 0;
            return false;
        }

        var reader = new SequenceReader<byte>(line);
        if (reader.IsNext((byte)':'))
        {
            return false;
        }

        ReadOnlySequence<byte> value;
        ReadOnlySequence<byte> field;
        if (reader.TryReadTo(out field, (byte)':'))
        {
            reader.IsNext((byte)' ', advancePast: true);
            value = reader.UnreadSequence;
        }
        else
        {
            field = line;
            value = ReadOnlySequence<byte>.Empty;
        }

        if (field.Length > 5)
        {
            return false;
        }

        Span<byte> name = stackalloc byte[5];
        field.CopyTo(name);
        name = name[..(int)field.Length];
        if (name.SequenceEqual("data"u8))
        {
            AppendData(value);
        }
        else if (name.SequenceEqual("event"u8))
        {
            if (value.Length > _maxEventBytes)
            {
                ThrowTooLarge();
            }

            EnsureCapacity(ref _eventType, (int)value.Length);
            value.CopyTo(_eventType);
            _eventTypeLength = (int)value.Length;
        }

        // "id" and "retry" are reconnection hints; a provider stream is never resumed, so they are ignored.
        return false;
    }

    private void AppendData(ReadOnlySequence<byte> value)
    {
        var needed = (_hasData ? 1 : 0) + value.Length;
        if (_dataLength + needed > _maxEventBytes)
        {
            ThrowTooLarge();
        }

        EnsureCapacity(ref _data, _dataLength + (int)needed);
        if (_hasData)
        {
            _data[_dataLength++] = (byte)'\n';
        }

        value.CopyTo(_data.AsSpan(_dataLength));
        _dataLength += (int)value.Length;
        _hasData = true;
    }

    private static void EnsureCapacity(ref byte[] buffer, int needed)
    {
        if (buffer.Length >= needed)
        {
            return;
        }

        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, buffer.Length * 2));
        buffer.CopyTo(larger, 0);
        ArrayPool<byte>.Shared.Return(buffer);
        buffer = larger;
    }

    [DoesNotReturn]
    private void ThrowTooLarge() =>
        throw new InvalidDataException($"A server-sent event exceeded {_maxEventBytes} bytes.");
}
