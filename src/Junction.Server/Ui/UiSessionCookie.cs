using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Junction.Storage.Keys;
using Microsoft.AspNetCore.DataProtection;

namespace Junction.Server.Ui;

/// <summary>A Control Center session as its cookie carries it: the key's stored hash, the key's visible prefix and when the session ends.</summary>
internal readonly record struct UiSessionTicket(string KeyHash, string KeyPrefix, DateTimeOffset ExpiresAt);

/// <summary>
/// Writes and reads the <c>junction_ui</c> cookie. Its payload is encrypted and authenticated by Data Protection under
/// a purpose of its own, and holds the key's hash, never the key: the cookie is worth no more than the session it
/// names, and because the hash is resolved again on every request, revoking or expiring the key ends the session at once.
/// </summary>
internal sealed class UiSessionCookie(IDataProtectionProvider provider, TimeProvider time)
{
    public const string Name = "junction_ui";

    /// <summary>The header every state-changing request of the Control Center sends; a cross-site form cannot set it.</summary>
    public const string CsrfHeader = "X-Junction-UI";

    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);

    private const string PayloadVersion = "1";

    private readonly IDataProtector _protector = provider.CreateProtector("Junction.Ui.Session.v1");

    /// <summary>Whether the request carries the session cookie at all (valid or not).</summary>
    public static bool IsPresent(HttpRequest request) => request.Cookies.ContainsKey(Name);

    /// <summary>Whether the request carries <c>X-Junction-UI: 1</c>.</summary>
    public static bool HasCsrfHeader(HttpRequest request)
    {
        var values = request.Headers[CsrfHeader];
        return values.Count == 1 && values[0] == "1";
    }

    /// <summary>Sets a new session cookie for the key with <paramref name="keyHash"/>; the answer's copy of the ticket.</summary>
    public UiSessionTicket Issue(HttpContext context, string keyHash, string keyPrefix)
    {
        var expires = time.GetUtcNow().Add(Lifetime);
        var ticket = new UiSessionTicket(keyHash, keyPrefix, expires);
        var payload = string.Join('\n', PayloadVersion, expires.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), keyHash, keyPrefix);
        var value = Base64Url.EncodeToString(_protector.Protect(Encoding.UTF8.GetBytes(payload)));
        context.Response.Cookies.Append(Name, value, Options(context, expires));
        return ticket;
    }

    /// <summary>The request's session, if its cookie was made by this gateway (same key ring) and has not expired.</summary>
    public bool TryRead(HttpRequest request, out UiSessionTicket ticket)
    {
        ticket = default;
        if (!request.Cookies.TryGetValue(Name, out var value) || string.IsNullOrEmpty(value) || value.Length > 4096)
        {
            return false;
        }

        string payload;
        try
        {
            payload = Encoding.UTF8.GetString(_protector.Unprotect(Base64Url.DecodeFromChars(value)));
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return false; // tampered with, from another key ring, or not ours at all
        }

        var parts = payload.Split('\n');
        if (parts.Length != 4
            || parts[0] != PayloadVersion
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var expiresMs)
            || !ApiKeySecrets.IsWellFormedHash(parts[2]))
        {
            return false;
        }

        var expires = DateTimeOffset.FromUnixTimeMilliseconds(expiresMs);
        if (time.GetUtcNow() >= expires)
        {
            return false;
        }

        ticket = new UiSessionTicket(parts[2], parts[3], expires);
        return true;
    }

    /// <summary>Tells the browser to drop the cookie.</summary>
    public static void Clear(HttpContext context) => context.Response.Cookies.Delete(Name, Options(context, expires: null));

    private static CookieOptions Options(HttpContext context, DateTimeOffset? expires) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Path = "/",
        Secure = context.Request.IsHttps,
        Expires = expires,
        IsEssential = true,
    };
}
