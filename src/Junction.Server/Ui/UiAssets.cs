using System.Collections.Frozen;
using System.Reflection;
using System.Security.Cryptography;

namespace Junction.Server.Ui;

/// <summary>
/// The Control Center's static files, embedded in the server assembly under the logical name <c>ui/{path}</c>
/// and read once at startup, so the UI ships inside the binary and works offline.
/// </summary>
internal sealed class UiAssets
{
    public const string ResourcePrefix = "ui/";
    public const string IndexPath = "index.html";

    private readonly FrozenDictionary<string, UiAsset> _assets;

    public UiAssets(Assembly assembly)
    {
        var assets = new Dictionary<string, UiAsset>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames())
        {
            if (!name.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            {
                continue;
            }

            var path = name[ResourcePrefix.Length..].Replace('\\', '/');
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var content = buffer.ToArray();
            assets[path] = new UiAsset(path, content, ContentTypeOf(path), ETagOf(content));
        }

        _assets = assets.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The assets of the server assembly.</summary>
    public static UiAssets FromServerAssembly() => new(typeof(UiAssets).Assembly);

    public int Count => _assets.Count;

    public UiAsset? Index => _assets.GetValueOrDefault(IndexPath);

    public UiAsset? Find(string path) => _assets.GetValueOrDefault(path);

    /// <summary>Content types of the few kinds of file the UI holds; anything else is served as opaque bytes.</summary>
    public static string ContentTypeOf(string path) => System.IO.Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".svg" => "image/svg+xml",
        ".png" => "image/png",
        ".ico" => "image/x-icon",
        ".json" => "application/json; charset=utf-8",
        ".txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    };

    private static string ETagOf(byte[] content)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(content, hash);
        return "\"" + Convert.ToHexStringLower(hash[..12]) + "\"";
    }
}
