using Junction.Core.Requests;
using static Junction.Providers.Tests.Infrastructure.RichRequests;

namespace Junction.Providers.Tests.Anthropic;

/// <summary>
/// A request that uses every canonical field, shaped to exercise the Anthropic mapping: system and developer turns
/// apart from the top, two user turns in a row, parallel tool calls answered by two tool turns and then a user turn
/// (all one Anthropic user turn), images by URL and as base64.
/// </summary>
internal static class AnthropicRichRequest
{
    public static ChatRequest Create()
    {
        var request = Start(Json("""{"type":"function","function":{"name":"get_weather"}}"""));
        request.Messages.Add(Text(ChatRole.User, "Both cities, please."));

        var calls = new ChatMessage { Role = ChatRole.Assistant };
        calls.Content.Add(ContentPart.FromText("Checking both."));
        calls.ToolCalls.Add(new ToolCall("toolu_01A", "get_weather", """{"location":"Paris, France"}"""));
        calls.ToolCalls.Add(new ToolCall("toolu_01B", "get_weather", """{"location":"Lyon, France"}"""));
        request.Messages.Add(calls);

        var paris = new ChatMessage { Role = ChatRole.Tool, ToolCallId = "toolu_01A" };
        paris.Content.Add(ContentPart.FromText("""{"temperature_c":18,"sky":"cloudy"}"""));
        request.Messages.Add(paris);
        var lyon = new ChatMessage { Role = ChatRole.Tool, ToolCallId = "toolu_01B" };
        lyon.Content.Add(ContentPart.FromText("""{"temperature_c":21,"sky":"sunny"}"""));
        request.Messages.Add(lyon);
        request.Messages.Add(Text(ChatRole.User, "Summarise."));

        request.Messages.Add(Text(ChatRole.Assistant, "Paris 18 °C and cloudy, Lyon 21 °C and sunny."));
        request.Messages.Add(Text(ChatRole.System, "Keep it under 20 words."));
        request.Messages.Add(Text(ChatRole.User, "And tomorrow?"));

        request.Tools.Add(WeatherTool());
        request.Tools.Add(new ToolDefinition { Name = "get_time" });

        request.Stop.Add("END");
        request.Stop.Add("###");

        // Fields of the caller's (OpenAI) dialect have no meaning to Anthropic and are not sent.
        request.Extra["logprobs"] = Json("true");
        request.Extra["junction"] = Json("""{"strategy":"lowest-cost"}""");
        return request;
    }
}
