using System.Buffers;
using System.IO.Pipelines;

namespace Junction.Simulator.Http;

/// <summary>A whole request body in one rented array, so it can be parsed as a single span.</summary>
internal readonly struct RequestBody : IDisposable
{
    private readonly byte[] _array;

    private RequestBody(byte[] array, int length)
    {
        _array = array;
        Length = length;
    }

    public int Length { get; }

    public ReadOnlyMemory<byte> Memory => _array.AsMemory(0, Length);

    public static async ValueTask<RequestBody> ReadAsync(PipeReader reader, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (result.IsCompleted || result.IsCanceled)
            {
                var length = checked((int)buffer.Length);
                var array = ArrayPool<byte>.Shared.Rent(Math.Max(length, 1));
                buffer.CopyTo(array);
                reader.AdvanceTo(buffer.End);
                return new RequestBody(array, length);
            }
            // Not done: keep everything buffered and ask for more.
            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    public void Dispose() => ArrayPool<byte>.Shared.Return(_array);
}
