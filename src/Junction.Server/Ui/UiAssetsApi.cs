using Microsoft.Net.Http.Headers;

namespace Junction.Server.Ui;

/// <summary>
/// Serves the Control Center under <c>/ui</c>: the embedded files by path, and <c>index.html</c> for <c>/ui</c> and for
/// any extension-less path (client-side routes). Every answer carries a strict CSP and no-sniff; assets revalidate by ETag.
/// </summary>
internal static class UiAssetsApi
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'";

    public static IEndpointRouteBuilder MapUiAssets(this IEndpointRouteBuilder app)
    {
        // Read once, here at startup; the files never change while the process runs.
        var assets = UiAssets.FromServerAssembly();
        app.MapGet("/ui", (HttpContext context) => Serve(context, assets.Index));
        app.MapGet("/ui/{**path}", (HttpContext context, string? path) => Serve(context, Resolve(assets, path)));
        return app;
    }

    /// <summary>The file a path names, or the app's shell for a client route; <see langword="null"/> for an unknown file or API path.</summary>
    internal static UiAsset? Resolve(UiAssets assets, string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return assets.Index;
        }

        if (assets.Find(path) is { } asset)
        {
            return asset;
        }

        // "api/..." belongs to the session endpoints; an unknown one is a 404, not the shell.
        var isApi = path.StartsWith("api/", StringComparison.Ordinal) || path == "api";
        return isApi || Path.HasExtension(path) ? null : assets.Index;
    }

    private static IResult Serve(HttpContext context, UiAsset? asset)
    {
        var headers = context.Response.Headers;
        headers[HeaderNames.XContentTypeOptions] = "nosniff";
        headers[HeaderNames.ContentSecurityPolicy] = ContentSecurityPolicy;
        headers["Referrer-Policy"] = "no-referrer";
        headers[HeaderNames.XFrameOptions] = "DENY";
        if (asset is null)
        {
            return TypedResults.NotFound();
        }

        headers[HeaderNames.CacheControl] = "no-cache";
        headers[HeaderNames.ETag] = asset.ETag;
        if (Matches(context.Request.Headers.IfNoneMatch, asset.ETag))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        return TypedResults.Bytes(asset.Content, asset.ContentType);
    }

    private static bool Matches(Microsoft.Extensions.Primitives.StringValues ifNoneMatch, string etag)
    {
        foreach (var value in ifNoneMatch)
        {
            foreach (var candidate in (value ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (candidate == etag || candidate == "*" || candidate == "W/" + etag)
                {
                    return true;
                }
            }
        }

        return false;
    }
}
