using System.Net;
using System.Net.Http.Headers;
using Junction.Ui.Tests.Infrastructure;

namespace Junction.Ui.Tests.Serving;

[Collection(UiCollection.Name)]
public sealed class UiAssetsApiTests(UiGateway gateway)
{
    [Theory]
    [InlineData("/ui")]
    [InlineData("/ui/")]
    [InlineData("/ui/tenants/acme")]
    public async Task Get_ShellPaths_ServeIndexWithSecurityHeaders(string path)
    {
        using var client = gateway.CreateClient(apiKey: null);
        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<script type=\"module\" src=\"/ui/app.js\"></script>", await response.Content.ReadAsStringAsync());
        Assert.Equal("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'",
            Header(response, "Content-Security-Policy"));
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        Assert.Equal("no-cache", Header(response, "Cache-Control"));
        Assert.NotNull(response.Headers.ETag);
    }

    [Theory]
    [InlineData("/ui/app.js", "text/javascript")]
    [InlineData("/ui/pages/tenant.js", "text/javascript")]
    [InlineData("/ui/app.css", "text/css")]
    public async Task Get_Asset_ServedWithItsContentType(string path, string mediaType)
    {
        using var client = gateway.CreateClient(apiKey: null);
        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.True((await response.Content.ReadAsByteArrayAsync()).Length > 100);
    }

    [Fact]
    public async Task Get_SameETag_AnswersNotModified()
    {
        using var client = gateway.CreateClient(apiKey: null);
        using var first = await client.GetAsync("/ui/app.js");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/ui/app.js");
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var second = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("/ui/missing.js")]
    [InlineData("/ui/pages/missing.js")]
    [InlineData("/ui/api/missing")]
    public async Task Get_UnknownFileOrApiPath_NotFound(string path)
    {
        using var client = gateway.CreateClient(apiKey: null);
        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
    }

    [Fact]
    public async Task Index_ReferencesOnlyOwnAssets_NoInlineScriptOrStyle()
    {
        using var client = gateway.CreateClient(apiKey: null);
        var html = await client.GetStringAsync("/ui/");

        Assert.DoesNotContain("http://", html, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<style", html, StringComparison.Ordinal);
        Assert.DoesNotContain("style=", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values)
        : response.Content.Headers.TryGetValues(name, out values) ? string.Join(",", values) : null;
}
