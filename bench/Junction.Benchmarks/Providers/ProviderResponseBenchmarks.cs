using System.Reflection;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Junction.Benchmarks.Requests;
using Junction.Providers.Abstractions;
using Junction.Providers.Http;

namespace Junction.Benchmarks.Providers;

/// <summary>What a whole (non-streamed) provider answer holds.</summary>
public enum ResponseShape
{
    /// <summary>A text answer of about 1.1 KB with detailed usage.</summary>
    Text,

    /// <summary>A short text and two tool calls.</summary>
    ToolCalls,
}

/// <summary>
/// A whole provider response body into the canonical <see cref="ChatCompletion"/>, through the dialect's
/// <c>ReadResponse</c> as <see cref="ProviderEngine"/> calls it once the body is buffered. The bodies
/// (<c>Payloads/*.json</c>) follow each provider's documented response format.
/// </summary>
[MemoryDiagnoser]
public class ProviderResponseBenchmarks
{
    private IProviderDialect _dialect = null!;
    private ProviderCall _call = null!;
    private JsonDocument _document = null!;
    private byte[] _body = [];

    [Params(ProviderDialect.OpenAI, ProviderDialect.Anthropic, ProviderDialect.Gemini)]
    public ProviderDialect Dialect { get; set; }

    [Params(ResponseShape.Text, ResponseShape.ToolCalls)]
    public ResponseShape Shape { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        (var request, _document) = CanonicalRequests.Parse(ConversationSize.Typical, stream: false);
        _dialect = ProviderDialects.For(Dialect);
        _call = ProviderDialects.Call(Dialect, request);
        _body = Payload($"{Dialect}.{Shape}.json");
        var result = _dialect.ReadResponse(_body, 200, _call);
        var completion = result.Completion ?? throw new InvalidOperationException($"{Dialect} {Shape}: {result.Error}");
        if (Shape == ResponseShape.ToolCalls ? completion.ToolCalls.Count != 2 : completion.Content is not { Length: > 900 })
        {
            throw new InvalidOperationException($"{Dialect} {Shape} did not read as expected.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _document.Dispose();

    [Benchmark]
    public CompletionResult ReadResponse() => _dialect.ReadResponse(_body, 200, _call);

    private static byte[] Payload(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Junction.Benchmarks.Providers.Payloads." + name)
            ?? throw new InvalidOperationException($"No embedded payload {name}.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
