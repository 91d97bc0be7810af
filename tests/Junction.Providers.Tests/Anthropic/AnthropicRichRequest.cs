using System.Text.Json;
using Junction.Core.Requests;

namespace Junction.Providers.Tests.Anthropic;

/// <summary>
/// A request that uses every canonical field, shaped to exercise the Anthropic mapping: system and developer turns
/// apart from the top, two user turns in a row, parallel tool calls answered by two tool turns and then a user turn
/// (all one Anthropic user turn), images by URL and as base64.
/// </summary>
internal static class AnthropicRichRequest
{
    public const string Base64Png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

    public static ChatRequest Create()
    {
        var request = new ChatRequest
        {
            Model = "auto",
            ToolChoice = Json("""{"type":"function","function":{"name":"get_weather"}}"""),
            ParallelToolCalls = false,
            MaxTokens = 512,
            Temperature = 0.2,
            TopP = 0.9,
            ResponseFormat = new ResponseFormat(
                ResponseFormatKind.JsonSchema,
                "weather_report",
                Json("""{"type":"object","properties":{"summary":{"type":"string"}},"required":["summary"],"additionalProperties":false}"""),
                Strict: true),
            User = "user-123",
            Seed = 7,
        };

        request.Messages.Add(Text(ChatRole.System, "You are a weather assistant. Answer <briefly>."));
        request.Messages.Add(Text(ChatRole.Developer, "Prefer metric units."));

        var look = new ChatMessage { Role = ChatRole.User, Name = "ana" };
        look.Content.Add(ContentPart.FromText("What is the weather where these were taken? Ça dépend 👀"));
        look.Content.Add(new ContentPart { Kind = ContentPartKind.Image, ImageUrl = "https://example.com/paris.jpg", Detail = "high" });
        look.Content.Add(new ContentPart { Kind = ContentPartKind.Image, ImageUrl = "data:image/png;base64," + Base64Png });
        request.Messages.Add(look);
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

        request.Tools.Add(new ToolDefinition
        {
            Name = "get_weather",
            Description = "Current weather for a location.",
            Parameters = Json("""{"type":"object","properties":{"location":{"type":"string"}},"required":["location"]}"""),
            Strict = true,
        });
        request.Tools.Add(new ToolDefinition { Name = "get_time" });

        request.Stop.Add("END");
        request.Stop.Add("###");

        // Fields of the caller's (OpenAI) dialect have no meaning to Anthropic and are not sent.
        request.Extra["logprobs"] = Json("true");
        request.Extra["junction"] = Json("""{"strategy":"lowest-cost"}""");
        return request;
    }

    public static JsonElement Json(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    public static ChatMessage Text(ChatRole role, string text)
    {
        var message = new ChatMessage { Role = role };
        message.Content.Add(ContentPart.FromText(text));
        return message;
    }
}
