using System.Text;
using BenchmarkDotNet.Attributes;
using Junction.Benchmarks.Providers;
using Junction.Core.Requests;
using Junction.Providers.Abstractions;
using Junction.Providers.Http;
using Junction.Providers.Sse;

namespace Junction.Benchmarks.Streaming;

/// <summary>
/// One upstream content chunk (a text delta of a word or two, in the provider's full chunk envelope) decoded by the
/// dialect's <see cref="IStreamDecoder"/> into a canonical <see cref="StreamEvent"/>, mid-stream.
/// </summary>
[MemoryDiagnoser]
public class StreamDecodeBenchmarks
{
    private readonly Queue<StreamEvent> _pending = new(4);
    private IStreamDecoder _decoder = null!;
    private SseEvent _chunk;

    [Params(ProviderDialect.OpenAI, ProviderDialect.Anthropic, ProviderDialect.Gemini)]
    public ProviderDialect Upstream { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var (type, data) = StreamPayloads.ContentEvent(Upstream, " sunny on");
        _chunk = new SseEvent(Encoding.UTF8.GetBytes(type), Encoding.UTF8.GetBytes(data));
        _decoder = ProviderDialects.For(Upstream).CreateStreamDecoder(ProviderDialects.Call(Upstream, new ChatRequest { Stream = true }));
        if (Decode() is not { Kind: StreamEventKind.TextDelta, Text: " sunny on" })
        {
            throw new InvalidOperationException($"{Upstream}'s content chunk did not decode to its text.");
        }
    }

    [Benchmark]
    public StreamEvent Decode()
    {
        _decoder.Decode(_chunk, _pending);
        var first = _pending.Dequeue();
        _pending.Clear();
        return first;
    }
}
