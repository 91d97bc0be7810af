using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Junction.Benchmarks.Requests;
using Junction.Providers.Abstractions;
using Junction.Providers.Http;

namespace Junction.Benchmarks.Providers;

/// <summary>
/// The canonical request (the sample conversation as an OpenAI caller sent it) into the body each provider dialect
/// sends, exactly as <see cref="ProviderEngine"/> writes it: a fresh pooled buffer, the dialect's <c>WriteBody</c>.
/// </summary>
[MemoryDiagnoser]
public class ProviderRequestBenchmarks
{
    private IProviderDialect _dialect = null!;
    private ProviderCall _call = null!;
    private JsonDocument _document = null!;

    [Params(ProviderDialect.OpenAI, ProviderDialect.Anthropic, ProviderDialect.Gemini)]
    public ProviderDialect Dialect { get; set; }

    [Params(ConversationSize.Typical, ConversationSize.Long)]
    public ConversationSize Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        (var request, _document) = CanonicalRequests.Parse(Size, stream: false);
        _dialect = ProviderDialects.For(Dialect);
        _call = ProviderDialects.Call(Dialect, request);
        if (WriteBody() < 1000)
        {
            throw new InvalidOperationException($"The {Dialect} body of the {Size} request is implausibly small.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _document.Dispose();

    /// <summary>Returns the body's length in bytes.</summary>
    [Benchmark]
    public int WriteBody()
    {
        using var body = new PooledBufferWriter();
        _dialect.WriteBody(body, _call, stream: false);
        return body.WrittenCount;
    }
}
