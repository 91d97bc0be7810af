using Junction.Core.Requests;
using static Junction.Providers.Tests.Infrastructure.RichRequests;

namespace Junction.Providers.Tests.OpenAI;

/// <summary>A request that uses every field the canonical model has.</summary>
internal static class RichRequest
{
    public static ChatRequest Create()
    {
        var request = Start(Json("\"auto\""));

        var call = new ChatMessage { Role = ChatRole.Assistant };
        call.ToolCalls.Add(new ToolCall("call_abc123", "get_weather", """{"location":"Paris, France"}"""));
        request.Messages.Add(call);

        var result = new ChatMessage { Role = ChatRole.Tool, ToolCallId = "call_abc123" };
        result.Content.Add(ContentPart.FromText("""{"temperature_c":18,"sky":"cloudy"}"""));
        request.Messages.Add(result);

        request.Messages.Add(Text(ChatRole.Assistant, "It is 18 °C and cloudy in Paris."));
        request.Messages.Add(Text(ChatRole.User, "And tomorrow?"));

        request.Tools.Add(WeatherTool());

        request.Stop.Add("END");
        request.Stop.Add("###");

        // Unknown fields of the caller's dialect pass through; Junction's own and duplicated ones do not.
        request.Extra["logprobs"] = Json("true");
        request.Extra["metadata"] = Json("""{"ticket":"T-42"}""");
        request.Extra["junction"] = Json("""{"strategy":"lowest-cost"}""");
        request.Extra["model"] = Json("\"something-else\"");
        return request;
    }
}
