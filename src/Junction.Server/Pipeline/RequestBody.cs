using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;

namespace Junction.Server.Pipeline;

/// <summary>Reads a request body as one JSON document without copying it into an intermediate string or stream.</summary>
internal static class RequestBody
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 128 };

    /// <summary>
    /// The parsed body. <see cref="JsonDocument"/> copies the bytes into a pooled buffer, returned on dispose; the
    /// caller keeps the document alive for as long as elements of it are in use (the whole request).
    /// </summary>
    /// <exception cref="JsonException">The body is not one valid JSON value.</exception>
    public static async ValueTask<JsonDocument> ReadJsonAsync(PipeReader reader, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            if (result.IsCompleted || result.IsCanceled)
            {
                try
                {
                    return JsonDocument.Parse(buffer, Options);
                }
                finally
                {
                    reader.AdvanceTo(buffer.End);
                }
            }

            // Nothing consumed, everything examined: wait for the rest of the body.
            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }
}
