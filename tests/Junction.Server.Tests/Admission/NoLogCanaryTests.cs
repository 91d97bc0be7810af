using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using Junction.Server.Tests.Infrastructure;
using Junction.Simulator;
using Junction.Storage.Tenants;
using Microsoft.Data.Sqlite;

namespace Junction.Server.Tests.Admission;

public sealed class NoLogCanaryTests
{
    [Fact]
    public async Task PromptAndAnswer_AreNowhereInTheDatabaseWithNoLogOrMetadata_AndKeptInFullMode()
    {
        const string Canary = "CANARY-nolog-5e1b9c";
        const string MetadataCanary = "CANARY-metadata-81f3aa";
        const string Control = "CONTROL-fulllog-22d7a0";
        var options = new SimulatorOptions { Seed = 3, Default = new ModelBehaviour { OutputTokens = 8 } };
        options.Models["gpt-4.1-nano"] = new ModelBehaviour { Fault = new FaultSpec { Status = 500 } };
        // Cut after 10 chunks: past the reply's fixed opening ("Simulated reply from <model>:"), into words the prompt picks.
        options.Models["codestral-latest"] = new ModelBehaviour { OutputTokens = 20, Fault = new FaultSpec { CutAfter = 10 } };
        await using var simulator = await SimulatorHost.StartAsync(options);
        var directory = RunningGateway.NewDataDirectory();
        try
        {
            var settings = StoreGateway.Settings();
            settings["Junction:Simulator:Enabled"] = "false";
            settings["Junction:Storage:DataDirectory"] = directory;
            foreach (var provider in new[] { "openai", "anthropic", "groq", "deepseek", "mistral" })
            {
                settings[$"Junction:Providers:{provider}:BaseUrl"] = simulator.BaseUrl.ToString();
                settings[$"Junction:Providers:{provider}:ApiKey"] = "sk-sim";
            }

            List<string> hidden;
            List<string> kept;
            await using (var gateway = await StoreGateway.StartAsync(settings))
            {
                var regulated = await gateway.AddKeyAsync(new Tenant { Id = "regulated", Name = "Regulated", LoggingMode = LoggingMode.Full, PolicyJson = """{"no_log": true}""" });
                var quiet = await gateway.AddKeyAsync(new Tenant { Id = "quiet", Name = "Quiet", LoggingMode = LoggingMode.Metadata });
                var open = await gateway.AddKeyAsync(new Tenant { Id = "open", Name = "Open", LoggingMode = LoggingMode.Full });
                using var client = gateway.CreateClient(regulated);
                using var metadata = gateway.CreateClient(quiet);
                using var control = gateway.CreateClient(open);

                hidden = [.. await EveryPathAsync(client, Canary), .. await EveryPathAsync(metadata, MetadataCanary)];
                kept = await EveryPathAsync(control, Control);
                kept.AddRange(await OtherSurfacesAsync(control, Control));

                // The admin API shows a full log's answer.
                using var success = await control.PostJsonAsync("/v1/chat/completions", Chat("gpt-4.1", Control + " again"));
                var answer = (await success.ReadJsonAsync()).GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString();
                await gateway.Store.RequestLog.FlushAsync();
                using var admin = gateway.CreateClient(StoreGateway.AdminKey);
                var record = await (await admin.GetAsync($"/admin/tenants/open/logs/{success.Header("x-junction-trace-id")}")).ReadJsonAsync();
                var response = record.GetProperty("response_body");
                Assert.Equal(answer, response.GetProperty("content").GetString());
                Assert.False(response.GetProperty("truncated").GetBoolean());
                Assert.Equal(0, response.GetProperty("tool_calls").GetArrayLength());
            }

            // The gateway is disposed: the request log is drained. Read every byte SQLite may hold.
            var bytes = new List<byte>();
            foreach (var file in Directory.GetFiles(directory, "junction.db*"))
            {
                bytes.AddRange(File.ReadAllBytes(file));
            }

            // Traces are stored compressed, so raw bytes alone would not show a prompt that leaked into one: read them out too.
            var text = Encoding.UTF8.GetString(bytes.ToArray()) + await StoredTracesAsync(directory);
            Assert.Contains(Control, text, StringComparison.Ordinal);
            Assert.DoesNotContain(Canary, text, StringComparison.Ordinal);
            Assert.DoesNotContain(MetadataCanary, text, StringComparison.Ordinal);
            Assert.Equal(8, hidden.Count);
            Assert.Equal(8, kept.Count);
            foreach (var answer in hidden)
            {
                Assert.DoesNotContain(answer, text, StringComparison.Ordinal);
            }

            foreach (var answer in kept)
            {
                Assert.Contains(answer, text, StringComparison.Ordinal);
            }
        }
        finally
        {
            RunningGateway.DeleteDirectory(directory);
        }
    }

    /// <summary>Every stored trace, decompressed, one per line.</summary>
    private static async Task<string> StoredTracesAsync(string directory)
    {
        var traces = new StringBuilder();
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(directory, "junction.db")};Mode=ReadOnly;Pooling=false");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT trace_brotli FROM request_log_payloads WHERE trace_brotli IS NOT NULL";
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            await using var brotli = new BrotliStream(reader.GetStream(0), CompressionMode.Decompress);
            using var text = new StreamReader(brotli, Encoding.UTF8);
            traces.AppendLine(await text.ReadToEndAsync());
        }

        Assert.NotEqual(0, traces.Length);
        return traces.ToString();
    }

    /// <summary>Success, failure, stream, a stream cut after content, and fallback on the OpenAI surface; returns the answers' text.</summary>
    private static async Task<List<string>> EveryPathAsync(HttpClient client, string prompt)
    {
        var fallback = ""","junction":{"policy":{"filter":["in","model",["gpt-4.1-nano","gpt-4.1"]],"rank":"lowest_cost"}}""";
        using var success = await client.PostJsonAsync("/v1/chat/completions", Chat("gpt-4.1", prompt));
        using var failure = await client.PostJsonAsync("/v1/chat/completions", Chat("gpt-4.1-nano", prompt));
        using var streamed = await client.PostJsonAsync("/v1/chat/completions", Chat("gpt-4.1", prompt + " streamed", ""","stream":true"""));
        var streamedText = await StreamTextAsync(streamed);
        using var cut = await client.PostJsonAsync("/v1/chat/completions", Chat("codestral-latest", prompt, ""","stream":true"""));
        var cutText = await StreamTextAsync(cut);
        using var fellOver = await client.PostJsonAsync("/v1/chat/completions", Chat("auto", prompt + " fallback", fallback));

        Assert.Equal(HttpStatusCode.OK, success.StatusCode);
        Assert.Equal(HttpStatusCode.BadGateway, failure.StatusCode);
        Assert.Equal(HttpStatusCode.OK, streamed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, fellOver.StatusCode);
        Assert.Equal("gpt-4.1", fellOver.Header("x-junction-model"));
        return [await ContentAsync(success), streamedText, cutText, await ContentAsync(fellOver)];
    }

    /// <summary>The Anthropic and native surfaces, whole and streamed; returns the answers' text.</summary>
    private static async Task<List<string>> OtherSurfacesAsync(HttpClient client, string prompt)
    {
        using var message = await client.PostJsonAsync("/v1/messages", $$"""{"model":"claude-haiku-4-5","max_tokens":64,"messages":[{"role":"user","content":"{{prompt}} anthropic"}]}""");
        using var messageStream = await client.PostJsonAsync("/v1/messages", $$"""{"model":"claude-haiku-4-5","max_tokens":64,"stream":true,"messages":[{"role":"user","content":"{{prompt}} anthropic stream"}]}""");
        using var route = await client.PostJsonAsync("/api/route", $$"""{"prompt":"{{prompt}} native","force_model":"openai:gpt-4.1-mini"}""");
        using var routeStream = await client.PostJsonAsync("/api/route/stream", $$"""{"prompt":"{{prompt}} native stream","force_model":"openai:gpt-4.1-mini"}""");

        Assert.Equal(HttpStatusCode.OK, message.StatusCode);
        Assert.Equal(HttpStatusCode.OK, route.StatusCode);
        return
        [
            (await message.ReadJsonAsync()).GetProperty("content")[0].GetProperty("text").GetString()!,
            await StreamTextAsync(messageStream),
            (await route.ReadJsonAsync()).GetProperty("result").GetString()!,
            await StreamTextAsync(routeStream),
        ];
    }

    private static async Task<string> ContentAsync(HttpResponseMessage response) =>
        (await response.ReadJsonAsync()).GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!;

    /// <summary>The text of a stream in any of the three dialects (OpenAI chunks, Anthropic deltas, native deltas); asserts there was some.</summary>
    private static async Task<string> StreamTextAsync(HttpResponseMessage response)
    {
        var text = new StringBuilder();
        using var reader = new StringReader(await response.Content.ReadAsStringAsync());
        while (reader.ReadLine() is { } line)
        {
            if (!line.StartsWith("data: ", StringComparison.Ordinal) || line == "data: [DONE]")
            {
                continue;
            }

            using var document = JsonDocument.Parse(line["data: ".Length..]);
            var root = document.RootElement;
            if (root.TryGetProperty("choices", out var choices) && choices.GetArrayLength() > 0
                && choices[0].TryGetProperty("delta", out var delta) && delta.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String)
            {
                text.Append(content.GetString());
            }
            else if (root.TryGetProperty("type", out var type) && type.GetString() == "content_block_delta"
                && root.GetProperty("delta").TryGetProperty("text", out var anthropicText))
            {
                text.Append(anthropicText.GetString());
            }
            else if (root.TryGetProperty("text", out var nativeText) && nativeText.ValueKind == JsonValueKind.String)
            {
                text.Append(nativeText.GetString());
            }
        }

        Assert.NotEqual(0, text.Length);
        return text.ToString();
    }

    private static string Chat(string model, string content, string extra = "") => HttpAssertions.Chat(model, content, extra);
}
