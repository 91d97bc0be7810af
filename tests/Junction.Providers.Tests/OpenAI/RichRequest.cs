using System.Text.Json;
using Junction.Core.Requests;

namespace Junction.Providers.Tests.OpenAI;

/// <summary>A request that uses every field the canonical model has.</summary>
internal static class RichRequest
{
    public const string Base64Image = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

    public static ChatRequest Create()
    {
        var request = new ChatRequest
        {
            Model = "auto",
            ToolChoice = Json("\"auto\""),
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
        look.Content.Add(new ContentPart { Kind = ContentPartKind.Image, ImageUrl = Base64Image });
        request.Messages.Add(look);

        var call = new ChatMessage { Role = ChatRole.Assistant };
        call.ToolCalls.Add(new ToolCall("call_abc123", "get_weather", """{"location":"Paris, France"}"""));
        request.Messages.Add(call);

        var result = new ChatMessage { Role = ChatRole.Tool, ToolCallId = "call_abc123" };
        result.Content.Add(ContentPart.FromText("""{"temperature_c":18,"sky":"cloudy"}"""));
        request.Messages.Add(result);

        request.Messages.Add(Text(ChatRole.Assistant, "It is 18 °C and cloudy in Paris."));
        request.Messages.Add(Text(ChatRole.User, "And tomorrow?"));

        request.Tools.Add(new ToolDefinition
        {
            Name = "get_weather",
            Description = "Current weather for a location.",
            Parameters = Json("""{"type":"object","properties":{"location":{"type":"string"}},"required":["location"]}"""),
            Strict = true,
        });

        request.Stop.Add("END");
        request.Stop.Add("###");

        // Unknown fields of the caller's dialect pass through; Junction's own and duplicated ones do not.
        request.Extra["logprobs"] = Json("true");
        request.Extra["metadata"] = Json("""{"ticket":"T-42"}""");
        request.Extra["junction"] = Json("""{"strategy":"lowest-cost"}""");
        request.Extra["model"] = Json("\"something-else\"");
        return request;
    }

    private static ChatMessage Text(ChatRole role, string text)
    {
        var message = new ChatMessage { Role = role };
        message.Content.Add(ContentPart.FromText(text));
        return message;
    }

    private static JsonElement Json(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
