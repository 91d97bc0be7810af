using System.Net.Http.Headers;
using Junction.Server.Tests.Infrastructure;
using static Junction.Server.Tests.Infrastructure.HttpAssertions;

namespace Junction.Server.Tests.Ui;

/// <summary>Signs in to the Control Center over real HTTP and makes clients that carry the session cookie by hand.</summary>
internal static class UiSessions
{
    public static readonly Dictionary<string, string> UiHeader = new() { ["X-Junction-UI"] = "1" };

    /// <summary>POSTs the key to <c>/ui/api/session</c>; the answer and the raw <c>Set-Cookie</c> of <c>junction_ui</c> (null when none).</summary>
    public static async Task<(HttpResponseMessage Response, string? SetCookie)> SignInAsync(RunningGateway gateway, string key)
    {
        using var client = gateway.CreateClient(apiKey: null);
        var response = await client.PostJsonAsync("/ui/api/session", $$"""{"key":"{{key}}"}""", UiHeader);
        var setCookie = response.Headers.TryGetValues("Set-Cookie", out var values)
            ? values.FirstOrDefault(v => v.StartsWith("junction_ui=", StringComparison.Ordinal))
            : null;
        return (response, setCookie);
    }

    /// <summary>Signs in and returns the cookie's value; fails the test when sign-in fails.</summary>
    public static async Task<string> CookieAsync(RunningGateway gateway, string key)
    {
        var (response, setCookie) = await SignInAsync(gateway, key);
        using (response)
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
            return ValueOf(setCookie!);
        }
    }

    /// <summary>A client that sends <c>Cookie: junction_ui=...</c> and no key; with <paramref name="uiHeader"/>, also <c>X-Junction-UI: 1</c>.</summary>
    public static HttpClient Client(RunningGateway gateway, string cookie, bool uiHeader = true)
    {
        var client = gateway.CreateClient(apiKey: null);
        client.DefaultRequestHeaders.Add("Cookie", "junction_ui=" + cookie);
        if (uiHeader)
        {
            client.DefaultRequestHeaders.Add("X-Junction-UI", "1");
        }

        return client;
    }

    public static string ValueOf(string setCookie)
    {
        var start = "junction_ui=".Length;
        var end = setCookie.IndexOf(';', StringComparison.Ordinal);
        return setCookie[start..(end < 0 ? setCookie.Length : end)];
    }

    public static AuthenticationHeaderValue Bearer(string key) => new("Bearer", key);
}
