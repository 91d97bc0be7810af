using System.Net;
using System.Text;
using Junction.Server.Auth;
using Junction.Server.Tests.Infrastructure;
using Junction.Simulator;
using Junction.Storage.Tenants;

namespace Junction.Server.Tests.Admission;

public sealed class NoLogCanaryTests
{
    [Fact]
    public async Task NoLogPrompt_IsNowhereInTheDatabaseOnSuccessFailureStreamingAndFallback()
    {
        const string Canary = "CANARY-nolog-5e1b9c";
        const string Control = "CONTROL-fulllog-22d7a0";
        var options = new SimulatorOptions { Seed = 3, Default = new ModelBehaviour { OutputTokens = 8 } };
        options.Models["gpt-4.1-nano"] = new ModelBehaviour { Fault = new FaultSpec { Status = 500 } };
        options.Models["codestral-latest"] = new ModelBehaviour { OutputTokens = 20, Fault = new FaultSpec { CutAfter = 3 } };
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

            await using (var gateway = await StoreGateway.StartAsync(settings))
            {
                var regulated = await gateway.AddKeyAsync(new Tenant { Id = "regulated", Name = "Regulated", LoggingMode = LoggingMode.Full, PolicyJson = """{"no_log": true}""" });
                var open = await gateway.AddKeyAsync(new Tenant { Id = "open", Name = "Open", LoggingMode = LoggingMode.Full });
                using var client = gateway.CreateClient(regulated);
                using var control = gateway.CreateClient(open);

                var fallback = ""","junction":{"policy":{"filter":["in","model",["gpt-4.1-nano","gpt-4.1"]],"rank":"lowest_cost"}}""";
                using var success = await client.PostJsonAsync("/v1/chat/completions", Chat("gpt-4.1", Canary));
                using var failure = await client.PostJsonAsync("/v1/chat/completions", Chat("gpt-4.1-nano", Canary));
                using var streamed = await client.PostJsonAsync("/v1/chat/completions", Chat("gpt-4.1", Canary, ""","stream":true"""));
                _ = await streamed.Content.ReadAsStringAsync();
                using var cut = await client.PostJsonAsync("/v1/chat/completions", Chat("codestral-latest", Canary, ""","stream":true"""));
                _ = await cut.Content.ReadAsStringAsync();
                using var fellOver = await client.PostJsonAsync("/v1/chat/completions", Chat("auto", Canary, fallback));
                using var kept = await control.PostJsonAsync("/v1/chat/completions", Chat("gpt-4.1", Control));

                Assert.Equal(HttpStatusCode.OK, success.StatusCode);
                Assert.Equal(HttpStatusCode.BadGateway, failure.StatusCode);
                Assert.Equal(HttpStatusCode.OK, streamed.StatusCode);
                Assert.Equal(HttpStatusCode.OK, fellOver.StatusCode);
                Assert.Equal("gpt-4.1", fellOver.Header("x-junction-model"));
                Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
            }

            // The gateway is disposed: the request log is drained. Read every byte SQLite may hold.
            var bytes = new List<byte>();
            foreach (var file in Directory.GetFiles(directory, "junction.db*"))
            {
                bytes.AddRange(File.ReadAllBytes(file));
            }

            var text = Encoding.UTF8.GetString(bytes.ToArray());
            Assert.Contains(Control, text, StringComparison.Ordinal);
            Assert.DoesNotContain(Canary, text, StringComparison.Ordinal);
        }
        finally
        {
            RunningGateway.DeleteDirectory(directory);
        }
    }

    private static string Chat(string model, string content, string extra = "") => HttpAssertions.Chat(model, content, extra);
}
