using Junction.Core.Requests;
using Junction.Providers.Abstractions;
using Junction.Providers.Tests.Infrastructure;

namespace Junction.Providers.Tests.Gemini;

/// <summary>Recorded Gemini payloads (under <c>Gemini/Payloads</c>) and calls aimed at the replay server.</summary>
internal static class GeminiTestData
{
    public const string Key = "AIzaSyTest-gemini-key-0000000000000000";

    public static byte[] Bytes(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Gemini", "Payloads", name));

    public static string Text(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Gemini", "Payloads", name));

    /// <summary>The replay server's base URL for a scenario, with Gemini's version segment.</summary>
    public static Uri BaseUrl(Uri openAIStyle) => new(openAIStyle.AbsoluteUri[..^"/v1".Length] + "/v1beta");

    public static Uri Serve(ReplayServer server, ReplayScript script, out string scenario) => BaseUrl(server.Serve(script, out scenario));

    public static Uri Serve(ReplayServer server, ReplayScript script) => Serve(server, script, out _);

    public static ProviderCall Call(Uri baseUrl, string? apiKey = Key, bool stream = false, TimeSpan? attemptTimeout = null, ChatRequest? request = null) =>
        new(request ?? TestCalls.Hello(stream), TestCalls.Model("gemini-2.5-flash", "google"), new ProviderEndpoint("google", baseUrl, apiKey))
        {
            AttemptTimeout = attemptTimeout,
        };

    /// <summary>
    /// An SSE body sent one recorded event per write. Gemini ends events with <c>\r\n\r\n</c>, which
    /// <see cref="ReplayScript.EventStream"/> (splitting on <c>\n\n</c>) would send as one piece.
    /// </summary>
    public static ReplayScript EventStream(byte[] body, params ReplayStep[] after)
    {
        var steps = new List<ReplayStep>();
        var start = 0;
        for (var i = 0; i < body.Length; i++)
        {
            var end = EventEnd(body, i);
            if (end > 0)
            {
                steps.Add(ReplayStep.Write(body[start..end]));
                start = end;
                i = end - 1;
            }
        }

        if (start < body.Length)
        {
            steps.Add(ReplayStep.Write(body[start..]));
        }

        steps.AddRange(after);
        return new ReplayScript { ContentType = "text/event-stream", Steps = steps };
    }

    private static int EventEnd(byte[] body, int i)
    {
        if (i + 3 < body.Length && body[i] == '\r' && body[i + 1] == '\n' && body[i + 2] == '\r' && body[i + 3] == '\n')
        {
            return i + 4;
        }

        return i + 1 < body.Length && body[i] == '\n' && body[i + 1] == '\n' ? i + 2 : 0;
    }
}
