using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Junction.Core.Requests;
using Junction.Server.Ingress;
using Junction.Server.Ingress.Anthropic;
using Junction.Server.Ingress.OpenAI;
using Junction.Server.Pipeline;

namespace Junction.Benchmarks.Requests;

/// <summary>
/// A caller's request body into the canonical <see cref="ChatRequest"/>, as <c>ChatSurface</c> does it: the body read
/// from the request pipe into a pooled <see cref="JsonDocument"/> (<see cref="RequestBody"/>), then the dialect's
/// reader (<see cref="ChatRequestReader"/> or <see cref="MessagesRequestReader"/>) over it. <see cref="Document"/> is the
/// first half alone. Each call also allocates the benchmark's own <see cref="PipeReader"/> over the body (about 100 B).
/// </summary>
[MemoryDiagnoser]
public class RequestParsingBenchmarks
{
    private ReadOnlySequence<byte> _body;

    [Params(CallerDialect.OpenAI, CallerDialect.Anthropic)]
    public CallerDialect Dialect { get; set; }

    [Params(ConversationSize.Typical, ConversationSize.Long)]
    public ConversationSize Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var body = RequestPayloads.Create(Dialect, Size);
        _body = new ReadOnlySequence<byte>(body);
        Console.WriteLine($"// {Dialect} {Size} request body: {body.Length:N0} bytes");
        if (Parse() < 6)
        {
            throw new InvalidOperationException($"The {Dialect} {Size} request did not parse whole.");
        }
    }

    [Benchmark]
    public int Document()
    {
        using var document = ReadDocument();
        return document.RootElement.GetPropertyCount();
    }

    /// <summary>The whole parse; returns the number of canonical messages.</summary>
    [Benchmark]
    public int Parse()
    {
        using var document = ReadDocument();
        var chat = new ChatRequest();
        var knobs = new RoutingKnobs();
        var error = Dialect == CallerDialect.OpenAI
            ? ChatRequestReader.Read(document.RootElement, chat, knobs)
            : MessagesRequestReader.Read(document.RootElement, chat, knobs);
        return error is null ? chat.Messages.Count : -1;
    }

    // A whole body in one sequence completes synchronously, as Kestrel's does once the body has arrived.
    private JsonDocument ReadDocument() => Synchronous.Result(RequestBody.ReadJsonAsync(PipeReader.Create(_body), CancellationToken.None));
}
