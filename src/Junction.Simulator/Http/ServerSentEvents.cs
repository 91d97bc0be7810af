using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Http;

namespace Junction.Simulator.Http;

/// <summary>The framing of a <c>text/event-stream</c> response: <c>data: ...</c> events separated by a blank line.</summary>
internal static class ServerSentEvents
{
    public static void Start(HttpResponse response)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
    }

    public static void BeginData(PipeWriter output) => output.Write("data: "u8);

    public static void EndEvent(PipeWriter output) => output.Write("\n\n"u8);

    /// <summary>OpenAI's end-of-stream sentinel.</summary>
    public static void WriteDone(PipeWriter output) => output.Write("data: [DONE]\n\n"u8);
}
