using System.Text;
using System.Text.Json.Nodes;

namespace Junction.Simulator.Tests.Gemini;

/// <summary>Builds Gemini-dialect requests against a running simulator.</summary>
internal static class GeminiTestClient
{
    public static Uri BaseUrl(SimulatorHost host) => new($"http://127.0.0.1:{host.Port}/v1beta/");

    /// <summary>The Gemini twin of <see cref="TestSimulator.Body"/>: the same system and user text.</summary>
    public static JsonObject Body(string user = "Hello there", int? maxTokens = null, string system = "You are terse.")
    {
        var body = new JsonObject
        {
            ["contents"] = new JsonArray(new JsonObject
            {
                ["role"] = "user",
                ["parts"] = new JsonArray(new JsonObject { ["text"] = user }),
            }),
            ["systemInstruction"] = new JsonObject { ["parts"] = new JsonArray(new JsonObject { ["text"] = system }) },
        };
        if (maxTokens is { } max)
        {
            body["generationConfig"] = new JsonObject { ["maxOutputTokens"] = max };
        }

        return body;
    }

    public static JsonObject WeatherTools(bool openApiTypes = false) => new()
    {
        ["functionDeclarations"] = new JsonArray(new JsonObject
        {
            ["name"] = "get_weather",
            ["description"] = "Weather for a city",
            [openApiTypes ? "parameters" : "parametersJsonSchema"] = JsonNode.Parse(openApiTypes
                ? """{"type":"OBJECT","properties":{"city":{"type":"STRING"},"days":{"type":"INTEGER"},"unit":{"type":"STRING","enum":["celsius","fahrenheit"]}},"required":["city","unit","days"]}"""
                : """{"type":"object","properties":{"city":{"type":"string"},"unit":{"type":"string","enum":["celsius","fahrenheit"]},"days":{"type":"integer"},"detailed":{"type":"boolean"}},"required":["city","unit","days"]}"""),
        }, new JsonObject { ["name"] = "get_time" }),
    };

    public static HttpRequestMessage Generate(SimulatorHost host, JsonNode body, string model = "gemini-test", bool stream = false,
        string? fault = null, string? apiKey = null, string? query = null)
    {
        var method = stream ? "streamGenerateContent?alt=sse" : "generateContent";
        var uri = new Uri(BaseUrl(host), $"models/{model}:{method}{query}");
        var request = new HttpRequestMessage(HttpMethod.Post, uri)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (fault is not null)
        {
            request.Headers.Add("x-sim-fault", fault);
        }

        if (apiKey is not null)
        {
            request.Headers.Add("x-goog-api-key", apiKey);
        }

        return request;
    }

    public static async Task<(int Status, JsonObject Body, HttpResponseMessage Response)> SendAsync(HttpClient client, HttpRequestMessage request)
    {
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, JsonNode.Parse(text)!.AsObject(), response);
    }

    public static string Text(JsonObject response) =>
        string.Concat(Parts(response).Select(part => (string?)part!["text"] ?? string.Empty));

    public static JsonArray Parts(JsonObject response) =>
        response["candidates"]![0]!["content"]!["parts"] as JsonArray ?? [];

    public static string? Finish(JsonObject response) => (string?)response["candidates"]![0]!["finishReason"];

    /// <summary>The concatenated text of a stream's chunks.</summary>
    public static string StreamText(StreamRead read) => string.Concat(read.Chunks().Select(Text));
}
