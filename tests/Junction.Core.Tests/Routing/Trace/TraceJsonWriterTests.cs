using System.Text.Json;
using Junction.Core.Routing;
using Junction.Core.Routing.Trace;

namespace Junction.Core.Tests.Routing.Trace;

/// <summary>The hand-written trace writer must produce the reference serializer's bytes exactly, for any trace.</summary>
public sealed class TraceJsonWriterTests
{
    private static readonly string[] Texts = ["gpt-5.4-mini", "tenant:acme", "", "naïve \"quoted\" \\ <tag> & é", "line\nbreak\t", "日本語", "\u2028"];
    private static readonly string?[] Actuals = [null, "0.41", "\"deepseek\"", "[\"asia\",\"eu\"]", "true", "{\"a\":1}"];
    private static readonly double[] Numbers = [0, 1, -1, 0.1, 1e-9, 123456.789, 1.0 / 3, double.MaxValue, double.NaN, double.PositiveInfinity, double.NegativeInfinity];

    /// <summary>The source-generated serializer with the writer's escaping: the reference for every byte.</summary>
    private static readonly TraceJsonContext Reference =
        new(new JsonSerializerOptions(TraceJsonContext.Default.Options) { Encoder = TraceJson.WriterOptions.Encoder });

    [Fact]
    public void Serialize_RandomTraces_MatchTheReferenceSerializerByteForByte()
    {
        for (var seed = 0; seed < 300; seed++)
        {
            var trace = RandomTrace(new Random(seed));

            var reference = JsonSerializer.SerializeToUtf8Bytes(trace, Reference.RouteTrace);

            Assert.Equal(System.Text.Encoding.UTF8.GetString(reference), TraceJson.Serialize(trace));
        }
    }

    [Fact]
    public void WriteAttempts_RandomAttempts_MatchTheTracesAttemptsArray()
    {
        for (var seed = 0; seed < 100; seed++)
        {
            var trace = RandomTrace(new Random(seed));

            using var document = JsonDocument.Parse(JsonSerializer.SerializeToUtf8Bytes(trace, Reference.RouteTrace));

            var buffer = new System.Buffers.ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(buffer, TraceJson.WriterOptions))
            {
                TraceJson.WriteAttempts(writer, trace.Attempts);
            }

            Assert.Equal(document.RootElement.GetProperty("attempts").GetRawText(), System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan));
        }
    }

    [Fact]
    public void SpliceRejectedSet_TraceStoredApartFromItsRejections_IsTheWholeTraceAgain()
    {
        for (var seed = 0; seed < 100; seed++)
        {
            var trace = RandomTrace(new Random(seed));

            var stored = Write(writer => TraceJson.WriteWithRejectedSet(writer, trace, "rs_0123abcd"));
            var rejected = Write(writer => TraceJson.WriteRejected(writer, trace.Rejected));

            Assert.DoesNotContain("\"rejected\":", System.Text.Encoding.UTF8.GetString(stored));
            Assert.Equal(TraceJson.Serialize(trace), System.Text.Encoding.UTF8.GetString(TraceJson.SpliceRejectedSet(stored, "rs_0123abcd", rejected)!));
        }
    }

    [Fact]
    public void SpliceRejectedSet_OtherSetOrNone_ReturnsNull()
    {
        var trace = RandomTrace(new Random(1));
        var stored = Write(writer => TraceJson.WriteWithRejectedSet(writer, trace, "rs_aaaa"));

        Assert.Null(TraceJson.SpliceRejectedSet(stored, "rs_bbbb", "[]"u8));
        Assert.Null(TraceJson.SpliceRejectedSet(TraceJson.SerializeToUtf8Bytes(trace), "rs_aaaa", "[]"u8));
    }

    [Fact]
    public void Serialize_QuotedRule_IsEscapedMinimally()
    {
        var random = RandomTrace(new Random(7));
        var trace = new RouteTrace
        {
            TraceId = random.TraceId,
            Policy = random.Policy,
            Catalog = random.Catalog,
            Request = random.Request,
            Rejected = [new Rejection("m", "p", "tenant:acme", "[\"in\",\"provider\",[\"openai\"]]", "\"groq\"")],
            Ranked = [],
        };

        var json = TraceJson.Serialize(trace);

        Assert.Contains("\"rule\":\"[\\\"in\\\",\\\"provider\\\",[\\\"openai\\\"]]\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u0022", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_HandWrittenJson_ReadsBackToTheSameBytes()
    {
        var trace = RandomTrace(new Random(42));
        var bytes = TraceJson.SerializeToUtf8Bytes(trace);

        Assert.Equal(bytes, TraceJson.SerializeToUtf8Bytes(TraceJson.Deserialize(bytes)!));
    }

    private static byte[] Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, TraceJson.WriterOptions))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static RouteTrace RandomTrace(Random random)
    {
        string Text() => Texts[random.Next(Texts.Length)];
        double Number() => Numbers[random.Next(Numbers.Length)];
        double? MaybeNumber() => random.Next(3) == 0 ? null : Number();
        T[] Many<T>(Func<T> make, int max) => [.. Enumerable.Range(0, random.Next(max + 1)).Select(_ => make())];

        var trace = new RouteTrace
        {
            TraceId = "trc_" + random.Next(),
            Policy = new TracePolicy("pol_" + Text(), "junction-pol/v1", Many(() => new TraceLayer(Text(), Text()), 4)),
            Catalog = new TraceCatalog("cat_" + random.Next(), random.Next(10_000)),
            Request = new TraceRequest(random.Next(), random.Next(2) == 0 ? null : random.Next(), Many(Text, 3)),
            Rejected = Many(() => new Rejection(Text(), Text(), Text(), Text(), Actuals[random.Next(Actuals.Length)]), 6),
            Ranked = Many(() => new TraceCandidate(Text(), Text(), Number(), Number(), Number()), 5),
            Chosen = random.Next(3) == 0 ? null : new TraceChoice(Text(), Text(), random.Next(2) == 0 ? null : Text()),
            Cost = new TraceCost(MaybeNumber(), MaybeNumber(), random.Next(4) == 0 ? Text() : "USD"),
            Timings = new TraceTimings(Number(), MaybeNumber()),
        };
        foreach (var attempt in Many(
            () => new TraceAttempt(Text(), Text(), Text(), random.Next(2) == 0 ? null : random.Next(600), random.Next(2) == 0 ? null : Text(), MaybeNumber(), MaybeNumber())
            {
                Upstream = random.Next(2) == 0 ? null : Text(),
            },
            4))
        {
            trace.Attempts.Add(attempt);
        }

        return trace;
    }
}
