using System.Buffers;
using System.Text.Json;
using Junction.Server.Ingress.Anthropic;

namespace Junction.Server.Tests.Ingress.Anthropic;

/// <summary>The canonical finish reason and stop sequence, back in Anthropic's <c>stop_reason</c> / <c>stop_sequence</c> pair.</summary>
public sealed class AnthropicStopReasonsTests
{
    [Theory]
    [InlineData("stop", null, "end_turn", null)]
    [InlineData(null, null, "end_turn", null)]
    [InlineData("stop", "</answer>", "stop_sequence", "</answer>")]
    [InlineData(null, "\n\nHuman:", "stop_sequence", "\n\nHuman:")]
    [InlineData("length", null, "max_tokens", null)]
    [InlineData("length", "</answer>", "max_tokens", null)]
    [InlineData("tool_calls", null, "tool_use", null)]
    [InlineData("content_filter", null, "refusal", null)]
    [InlineData("something_new", "</answer>", "end_turn", null)]
    public void Write_FinishAndSequence_AnthropicPair(string? finishReason, string? stopSequence, string stopReason, string? writtenSequence)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            AnthropicStopReasons.Write(writer, finishReason, stopSequence);
            writer.WriteEndObject();
        }

        using var written = JsonDocument.Parse(buffer.WrittenMemory);
        Assert.Equal(stopReason, written.RootElement.GetProperty("stop_reason").GetString());
        var sequence = written.RootElement.GetProperty("stop_sequence");
        if (writtenSequence is null)
        {
            Assert.Equal(JsonValueKind.Null, sequence.ValueKind);
        }
        else
        {
            Assert.Equal(writtenSequence, sequence.GetString());
        }
    }
}
