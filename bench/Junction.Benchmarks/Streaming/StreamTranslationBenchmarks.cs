using BenchmarkDotNet.Attributes;
using Junction.Benchmarks.Providers;
using Junction.Benchmarks.Requests;
using Junction.Core.Tokens;
using Junction.Providers.Abstractions;
using Junction.Providers.Http;
using Junction.Providers.Sse;

namespace Junction.Benchmarks.Streaming;

/// <summary>
/// A whole upstream stream re-rendered for the caller, reported per content chunk: the provider's SSE bytes through
/// <see cref="SseReader"/>, the dialect's <see cref="IStreamDecoder"/>, and the caller's stream renderer, with the
/// per-event work <c>GatewayPipeline.StreamAsync</c> does between them (delivered-token estimate). One stream of
/// <see cref="StreamPayloads.ContentChunks"/> text deltas per invocation; the per-stream costs (reader, decoder,
/// renderer, the opening and closing events) are spread over its chunks. The caller's socket is not included.
/// </summary>
[MemoryDiagnoser]
public class StreamTranslationBenchmarks
{
    private readonly Queue<StreamEvent> _pending = new(4);
    private byte[] _upstream = [];
    private ProviderCall _call = null!;
    private IProviderDialect _dialect = null!;

    [Params(ProviderDialect.OpenAI, ProviderDialect.Anthropic, ProviderDialect.Gemini)]
    public ProviderDialect Upstream { get; set; }

    [Params(CallerDialect.OpenAI, CallerDialect.Anthropic)]
    public CallerDialect Caller { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _upstream = StreamPayloads.Create(Upstream);
        _dialect = ProviderDialects.For(Upstream);
        _call = ProviderDialects.Call(Upstream, new Junction.Core.Requests.ChatRequest { Stream = true });
        var delivered = Chunk().GetAwaiter().GetResult();
        if (delivered < StreamPayloads.ContentChunks)
        {
            throw new InvalidOperationException($"{Upstream} → {Caller} delivered {delivered} tokens for {StreamPayloads.ContentChunks} chunks.");
        }
    }

    /// <summary>Returns the delivered-token estimate, as the pipeline keeps it for billing a cut stream.</summary>
    [Benchmark(OperationsPerInvoke = StreamPayloads.ContentChunks)]
    public async Task<int> Chunk()
    {
        var (response, body) = DiscardingResponse.Create();
        using var discarding = body;
        using var renderer = StreamRenderers.Create(Caller, response);
        var decoder = _dialect.CreateStreamDecoder(_call);
        await using var sse = new SseReader(new MemoryStream(_upstream, writable: false));
        await renderer.StartAsync(StreamRenderers.Start, CancellationToken.None);

        var delivered = 0;
        string? finishReason = null;
        Usage? usage = null;
        var ended = false;
        while (!ended)
        {
            if (!await sse.ReadAsync(CancellationToken.None))
            {
                decoder.Ended(_pending);
                ended = true;
            }
            else if (decoder.Decode(sse.Current, _pending) != DecodeStatus.Continue)
            {
                ended = true;
            }

            while (_pending.TryDequeue(out var e))
            {
                switch (e.Kind)
                {
                    case StreamEventKind.TextDelta when !string.IsNullOrEmpty(e.Text):
                    case StreamEventKind.ToolCallDelta:
                        delivered += HeuristicTokenEstimator.Instance.EstimateTextTokens(e.Text);
                        // Flushed per delta, as the pipeline does when the upstream paces its tokens: the worst case.
                        renderer.Write(e);
                        await renderer.FlushAsync(CancellationToken.None);
                        break;
                    case StreamEventKind.Finish:
                        finishReason = e.FinishReason;
                        break;
                    case StreamEventKind.Usage:
                        usage = e.Usage;
                        break;
                    case StreamEventKind.Error:
                        throw new InvalidOperationException($"{Upstream}: {e.Error}");
                }
            }
        }

        await renderer.FinishAsync(StreamRenderers.Finish(usage) with { FinishReason = finishReason ?? "stop" }, CancellationToken.None);
        return delivered;
    }
}
