using BenchmarkDotNet.Attributes;
using Junction.Benchmarks.Requests;
using Junction.Providers.Abstractions;
using Junction.Server.Pipeline;

namespace Junction.Benchmarks.Streaming;

/// <summary>
/// One canonical text delta rendered by the caller dialect's <see cref="IStreamRenderer"/> mid-stream (an OpenAI
/// <c>chat.completion.chunk</c>, or an Anthropic <c>content_block_delta</c> event) and flushed to a body that drops it.
/// </summary>
[MemoryDiagnoser]
public class StreamRenderBenchmarks
{
    private static readonly StreamEvent Delta = new(StreamEventKind.TextDelta, Text: " sunny on");

    private IStreamRenderer _renderer = null!;
    private DiscardingResponse _body = null!;

    [Params(CallerDialect.OpenAI, CallerDialect.Anthropic)]
    public CallerDialect Caller { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        (var response, _body) = DiscardingResponse.Create();
        _renderer = StreamRenderers.Create(Caller, response);
        Synchronous.Complete(_renderer.StartAsync(StreamRenderers.Start, CancellationToken.None));
        Render();
        var before = _body.BytesFlushed;
        Render();
        if (_body.BytesFlushed - before < 40)
        {
            throw new InvalidOperationException($"The {Caller} renderer wrote no chunk.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _renderer.Dispose();
        _body.Dispose();
    }

    [Benchmark]
    public void Render()
    {
        _renderer.Write(Delta);
        Synchronous.Complete(_renderer.FlushAsync(CancellationToken.None));
    }
}
