using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Junction.Simulator.Tests;

/// <summary>Starts real simulators on 127.0.0.1 port 0 and talks to them over real HTTP.</summary>
internal static class TestSimulator
{
    public static Task<SimulatorHost> StartAsync(Action<SimulatorOptions>? configure = null, TimeProvider? time = null)
    {
        var options = new SimulatorOptions();
        configure?.Invoke(options);
        return SimulatorHost.StartAsync(options, time ?? TimeProvider.System);
    }

    public static HttpClient Client(SimulatorHost host, TimeSpan? timeout = null) => new()
    {
        BaseAddress = new Uri(host.BaseUrl + "/"),
        Timeout = timeout ?? TimeSpan.FromSeconds(30),
    };

    public static JsonObject Body(string model = "gpt-test", string user = "Hello there", bool stream = false,
        bool includeUsage = false, int? maxTokens = null)
    {
        var body = new JsonObject
        {
            ["model"] = model,
            ["messages"] = new JsonArray(
                new JsonObject { ["role"] = "system", ["content"] = "You are terse." },
                new JsonObject { ["role"] = "user", ["content"] = user }),
        };
        if (stream)
        {
            body["stream"] = true;
        }
        if (includeUsage)
        {
            body["stream_options"] = new JsonObject { ["include_usage"] = true };
        }
        if (maxTokens is { } max)
        {
            body["max_tokens"] = max;
        }
        return body;
    }

    public static JsonObject WeatherTool() => new()
    {
        ["type"] = "function",
        ["function"] = new JsonObject
        {
            ["name"] = "get_weather",
            ["description"] = "Weather for a city",
            ["parameters"] = JsonNode.Parse("""
                {"type":"object","properties":{
                  "city":{"type":"string"},
                  "unit":{"type":"string","enum":["celsius","fahrenheit"]},
                  "days":{"type":"integer"},
                  "detailed":{"type":"boolean"}},
                 "required":["city","unit","days"]}
                """),
        },
    };

    public static HttpRequestMessage Chat(JsonNode body, string? fault = null, string? apiKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "chat/completions")
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (fault is not null)
        {
            request.Headers.Add("x-sim-fault", fault);
        }
        if (apiKey is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }
        return request;
    }

    public static async Task<JsonObject> SendJsonAsync(HttpClient client, HttpRequestMessage request)
    {
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>Reads a stream's <c>data:</c> payloads until it ends; <c>Broken</c> says whether the connection broke.</summary>
    public static async Task<StreamRead> ReadEventsAsync(HttpResponseMessage response)
    {
        var events = new List<string>();
        try
        {
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
            while (await reader.ReadLineAsync() is { } line)
            {
                if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    events.Add(line["data: ".Length..]);
                }
                else
                {
                    Assert.Equal("", line);
                }
            }
        }
        catch (IOException)
        {
            return new StreamRead(events, Broken: true);
        }
        catch (HttpRequestException)
        {
            return new StreamRead(events, Broken: true);
        }
        return new StreamRead(events, Broken: false);
    }

    public static async Task<StreamRead> StreamAsync(HttpClient client, HttpRequestMessage request)
    {
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return await ReadEventsAsync(response);
    }
}

/// <summary>The payloads of one stream, in order, and whether it broke before ending.</summary>
internal sealed record StreamRead(List<string> Events, bool Broken)
{
    public List<JsonObject> Chunks()
    {
        var chunks = new List<JsonObject>();
        foreach (var payload in Events)
        {
            if (payload != "[DONE]")
            {
                chunks.Add(JsonNode.Parse(payload)!.AsObject());
            }
        }
        return chunks;
    }

    /// <summary>The concatenated content deltas.</summary>
    public string Text()
    {
        var text = new StringBuilder();
        foreach (var chunk in Chunks())
        {
            if (chunk["choices"] is JsonArray { Count: > 0 } choices && choices[0]!["delta"]?["content"] is JsonValue content
                && content.TryGetValue<string>(out var piece))
            {
                text.Append(piece);
            }
        }
        return text.ToString();
    }

    public int ContentDeltaCount()
    {
        var count = 0;
        foreach (var chunk in Chunks())
        {
            if (chunk["choices"] is JsonArray { Count: > 0 } choices && choices[0]!["delta"] is JsonObject delta
                && !delta.ContainsKey("role") && (delta.ContainsKey("content") || delta.ContainsKey("tool_calls")))
            {
                count++;
            }
        }
        return count;
    }
}
