using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Junction.Server.Cli;

/// <summary>The CLI's connection to a running gateway's admin API: sends one request, prints the JSON answer indented, and maps failure to exit code 1.</summary>
internal sealed class AdminHttpClient(Uri baseUrl, string adminKey, TextWriter output, TextWriter error) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };

    public async Task<(int ExitCode, JsonElement? Body)> SendAsync(HttpMethod method, string path, string? json, bool print, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", adminKey);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            await error.WriteLineAsync($"junction: cannot reach {_http.BaseAddress}: {e.Message}");
            return (1, null);
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            JsonElement? body = null;
            if (text.Length > 0)
            {
                try
                {
                    using var document = JsonDocument.Parse(text);
                    body = document.RootElement.Clone();
                }
                catch (JsonException)
                {
                    // Not JSON: printed as it came.
                }
            }

            var pretty = body is { } element ? Indent(element) : text;
            if (!response.IsSuccessStatusCode)
            {
                await error.WriteLineAsync($"junction: {(int)response.StatusCode} {response.ReasonPhrase}");
                await error.WriteLineAsync(pretty);
                return (1, body);
            }

            if (print && pretty.Length > 0)
            {
                await output.WriteLineAsync(pretty);
            }

            return (0, body);
        }
    }

    public void Dispose() => _http.Dispose();

    private static string Indent(JsonElement element)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            element.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
