using System.Text;
using System.Text.Json.Nodes;

namespace Junction.Simulator.Tests.Anthropic;

/// <summary>Builds Messages requests for the simulator and reads its named-event streams.</summary>
internal static class AnthropicRequests
{
    public static JsonObject Body(string model = "claude-test", string user = "Hello there", bool stream = false, int maxTokens = 1024)
    {
        var body = new JsonObject
        {
            ["model"] = model,
            ["max_tokens"] = maxTokens,
            ["system"] = "You are terse.",
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = user }),
        };
        if (stream)
        {
            body["stream"] = true;
        }
        return body;
    }

    /// <summary>The same conversation as <see cref="TestSimulator.Body"/> in the OpenAI dialect.</summary>
    public static JsonObject OpenAIBody(string model = "claude-test", string user = "Hello there", bool stream = false, int maxTokens = 1024) =>
        TestSimulator.Body(model, user, stream, includeUsage: stream, maxTokens: maxTokens);

    public static JsonObject WeatherTool() => new()
    {
        ["name"] = "get_weather",
        ["description"] = "Weather for a city",
        ["input_schema"] = JsonNode.Parse("""
            {"type":"object","properties":{
              "city":{"type":"string"},
              "unit":{"type":"string","enum":["celsius","fahrenheit"]},
              "days":{"type":"integer"},
              "detailed":{"type":"boolean"}},
             "required":["city","unit","days"]}
            """),
    };

    public static HttpRequestMessage Messages(JsonNode body, string? fault = null, string? apiKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "messages")
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("anthropic-version", "2023-06-01");
        if (fault is not null)
        {
            request.Headers.Add("x-sim-fault", fault);
        }
        if (apiKey is not null)
        {
            request.Headers.Add("x-api-key", apiKey);
        }
        return request;
    }

    public static async Task<JsonObject> ReadErrorAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal("error", (string?)body["type"]);
        Assert.StartsWith("req_", (string?)body["request_id"], StringComparison.Ordinal);
        return body["error"]!.AsObject();
    }

    /// <summary>Reads a stream's events until it ends; <c>Broken</c> says whether the connection broke.</summary>
    public static async Task<EventStreamRead> StreamAsync(HttpClient client, HttpRequestMessage request)
    {
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var events = new List<(string Name, JsonObject Data)>();
        string? name = null;
        try
        {
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
            while (await reader.ReadLineAsync() is { } line)
            {
                if (line.StartsWith("event: ", StringComparison.Ordinal))
                {
                    name = line["event: ".Length..];
                }
                else if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    var data = JsonNode.Parse(line["data: ".Length..])!.AsObject();
                    Assert.Equal(name, (string?)data["type"]);
                    events.Add((name!, data));
                }
                else
                {
                    Assert.Equal("", line);
                }
            }
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            return new EventStreamRead(events, Broken: true);
        }
        return new EventStreamRead(events, Broken: false);
    }
}

/// <summary>The events of one Messages stream, in order, and whether it broke before ending.</summary>
internal sealed record EventStreamRead(List<(string Name, JsonObject Data)> Events, bool Broken)
{
    public List<string> Names() => Events.Select(e => e.Name).ToList();

    public string Text() => string.Concat(Events
        .Where(e => e.Name == "content_block_delta" && (string?)e.Data["delta"]!["type"] == "text_delta")
        .Select(e => (string?)e.Data["delta"]!["text"]));

    public string InputJson() => string.Concat(Events
        .Where(e => e.Name == "content_block_delta" && (string?)e.Data["delta"]!["type"] == "input_json_delta")
        .Select(e => (string?)e.Data["delta"]!["partial_json"]));

    public int DeltaCount() => Events.Count(e => e.Name == "content_block_delta");

    public JsonObject Single(string name) => Events.Single(e => e.Name == name).Data;
}
