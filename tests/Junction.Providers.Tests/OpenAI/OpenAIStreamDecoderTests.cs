using System.Text;
using Junction.Core.Fallback;
using Junction.Providers.Abstractions;
using Junction.Providers.Http;
using Junction.Providers.OpenAI;
using Junction.Providers.Sse;

namespace Junction.Providers.Tests.OpenAI;

public sealed class OpenAIStreamDecoderTests
{
    [Fact]
    public void Decode_NamedErrorEvent_QueuesClassifiedError()
    {
        var output = new Queue<StreamEvent>();
        var decoder = new OpenAIStreamDecoder(secret: null);

        var status = decoder.Decode(Event("{\"error\":{\"message\":\"Overloaded\",\"type\":\"overloaded_error\"}}", "error"), output);

        Assert.Equal(DecodeStatus.Failed, status);
        Assert.Equal(ErrorKind.Overloaded, output.Single().Error!.Kind);
    }

    [Theory]
    [InlineData("{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"tokens\",\"code\":\"rate_limit_exceeded\"}}", ErrorKind.RateLimited)]
    [InlineData("{\"error\":{\"message\":\"You exceeded your current quota\",\"type\":\"insufficient_quota\",\"code\":\"insufficient_quota\"}}", ErrorKind.QuotaExhausted)]
    [InlineData("{\"error\":{\"message\":\"too long\",\"type\":\"invalid_request_error\",\"code\":\"context_length_exceeded\"}}", ErrorKind.ContextLength)]
    [InlineData("{\"error\":{\"message\":\"bad\",\"type\":\"invalid_request_error\",\"code\":null}}", ErrorKind.ClientError)]
    [InlineData("{\"error\":{\"message\":\"oops\",\"type\":\"server_error\",\"code\":null}}", ErrorKind.ServerError)]
    public void Decode_ErrorObjectIn200Stream_ClassifiesByTypeAndCode(string data, ErrorKind expected)
    {
        var output = new Queue<StreamEvent>();

        new OpenAIStreamDecoder(null).Decode(Event(data), output);

        Assert.Equal(expected, output.Single().Error!.Kind);
    }

    [Fact]
    public void Decode_MalformedChunk_FailsAsServerError()
    {
        var output = new Queue<StreamEvent>();

        var status = new OpenAIStreamDecoder(null).Decode(Event("{\"choices\":[{\"delta\":"), output);

        Assert.Equal(DecodeStatus.Failed, status);
        Assert.Equal(ErrorKind.ServerError, output.Single().Error!.Kind);
    }

    [Fact]
    public void Decode_RunningUsageOnEveryChunk_ReportsOnlyTheLastAtDone()
    {
        var output = new Queue<StreamEvent>();
        var decoder = new OpenAIStreamDecoder(null);

        decoder.Decode(Event("{\"id\":\"a\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":1}}"), output);
        decoder.Decode(Event("{\"id\":\"a\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"!\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":2}}"), output);
        var status = decoder.Decode(Event("[DONE]"), output);

        Assert.Equal(DecodeStatus.Done, status);
        Assert.Equal(
            [
                new StreamEvent(StreamEventKind.TextDelta, Text: "Hi"),
                new StreamEvent(StreamEventKind.TextDelta, Text: "!"),
                new StreamEvent(StreamEventKind.Finish, FinishReason: "stop"),
                new StreamEvent(StreamEventKind.Usage, Usage: new Usage(5, 2)),
            ],
            output.ToArray());
        Assert.Equal("a", decoder.Id);
    }

    [Fact]
    public void Decode_SecondChoice_IsIgnored()
    {
        var output = new Queue<StreamEvent>();

        new OpenAIStreamDecoder(null).Decode(Event("{\"choices\":[{\"index\":1,\"delta\":{\"content\":\"other\"},\"finish_reason\":\"stop\"},{\"index\":0,\"delta\":{\"content\":\"mine\"}}]}"), output);

        Assert.Equal([new StreamEvent(StreamEventKind.TextDelta, Text: "mine")], output.ToArray());
    }

    [Fact]
    public void Decode_EscapedText_IsUnescaped()
    {
        var output = new Queue<StreamEvent>();

        new OpenAIStreamDecoder(null).Decode(Event("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"line\\n\\\"quoted\\\" \\u00e9\"}}]}"), output);

        Assert.Equal("line\n\"quoted\" é", output.Single().Text);
    }

    private static SseEvent Event(string data, string type = "") =>
        new(Encoding.UTF8.GetBytes(type), Encoding.UTF8.GetBytes(data));
}
