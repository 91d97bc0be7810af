using System.Text.Json;
using Junction.Core.Requests;

namespace Junction.Providers.Tests.Infrastructure;

/// <summary>
/// The parts every dialect's rich request starts from: every sampling and format setting, a system and a developer
/// turn, and a named user turn with text and two images (by URL and as base64); plus the builders they use.
/// </summary>
internal static class RichRequests
{
    public const string Base64Png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

    /// <summary>The shared opening; each dialect's rich request adds its own turns, tools and extras.</summary>
    public static ChatRequest Start(JsonElement toolChoice)
    {
        var request = new ChatRequest
        {
            Model = "auto",
            ToolChoice = toolChoice,
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
        return request;
    }

    /// <summary>The <c>get_weather</c> tool both rich requests offer.</summary>
    public static ToolDefinition WeatherTool() => new()
    {
        Name = "get_weather",
        Description = "Current weather for a location.",
        Parameters = Json("""{"type":"object","properties":{"location":{"type":"string"}},"required":["location"]}"""),
        Strict = true,
    };

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
