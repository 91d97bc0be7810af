using System.Text;

namespace Junction.Providers.Gemini;

/// <summary>Splits image URLs into what Gemini's <c>inlineData</c> and <c>fileData</c> parts need.</summary>
internal static class DataUrl
{
    private const string DefaultMimeType = "application/octet-stream";

    /// <summary>
    /// Reads <c>data:[mime][;base64],payload</c>. A payload that is not base64 (percent-encoded text, which is rare
    /// for images) is decoded and re-encoded, since <c>inlineData.data</c> must be base64.
    /// </summary>
    public static bool TryParse(string url, out string mimeType, out string base64)
    {
        mimeType = DefaultMimeType;
        base64 = string.Empty;
        if (!url.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var comma = url.IndexOf(',', StringComparison.Ordinal);
        if (comma < 0)
        {
            return false;
        }

        var header = url.AsSpan(5, comma - 5);
        var isBase64 = header.EndsWith(";base64", StringComparison.OrdinalIgnoreCase);
        if (isBase64)
        {
            header = header[..^7];
        }

        var parameters = header.IndexOf(';');
        var type = (parameters < 0 ? header : header[..parameters]).Trim();
        if (!type.IsEmpty)
        {
            mimeType = type.ToString();
        }

        base64 = isBase64
            ? url[(comma + 1)..]
            : Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.UnescapeDataString(url[(comma + 1)..])));
        return true;
    }

    /// <summary>The image type an http(s) URL's extension names, for <c>fileData.mimeType</c>; null when it names none.</summary>
    public static string? GuessImageType(string url)
    {
        var path = url.AsSpan();
        var end = path.IndexOfAny('?', '#');
        if (end >= 0)
        {
            path = path[..end];
        }

        var dot = path.LastIndexOf('.');
        if (dot < 0 || path.LastIndexOf('/') > dot)
        {
            return null;
        }

        var extension = path[(dot + 1)..];
        if (Is(extension, "png"))
        {
            return "image/png";
        }

        if (Is(extension, "jpg") || Is(extension, "jpeg"))
        {
            return "image/jpeg";
        }

        return Is(extension, "webp") ? "image/webp"
            : Is(extension, "gif") ? "image/gif"
            : Is(extension, "heic") ? "image/heic"
            : Is(extension, "heif") ? "image/heif"
            : null;
    }

    private static bool Is(ReadOnlySpan<char> extension, string expected) =>
        extension.Equals(expected, StringComparison.OrdinalIgnoreCase);
}
