using Junction.Server.Ingress.OpenAI;

namespace Junction.Server.Auth;

/// <summary>Marks an endpoint (or a route group) as requiring a tenant API key.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false)]
internal sealed class RequiresApiKeyAttribute : Attribute;

/// <summary>
/// Authenticates <c>Authorization: Bearer jk_...</c> for endpoints marked <see cref="RequiresApiKeyAttribute"/>
/// and puts the <see cref="Caller"/> on the request's features; anything else is a 401 in OpenAI's shape.
/// </summary>
internal sealed class ApiKeyAuthenticationMiddleware(RequestDelegate next, ApiKeyDirectory directory)
{
    public Task InvokeAsync(HttpContext context)
    {
        var endpoint = context.GetEndpoint();
        if (endpoint?.Metadata.GetMetadata<RequiresApiKeyAttribute>() is null)
        {
            return next(context);
        }

        var header = context.Request.Headers.Authorization;
        if (header.Count != 1 || !TryGetBearer(header[0], out var key))
        {
            return OpenAIErrorWriter.WriteAsync(context, ApiErrors.MissingApiKey());
        }

        if (!directory.TryAuthenticate(key, out var caller))
        {
            return OpenAIErrorWriter.WriteAsync(context, ApiErrors.InvalidApiKey());
        }

        context.Features.Set(caller);
        return next(context);
    }

    private static bool TryGetBearer(string? value, out ReadOnlySpan<char> key)
    {
        var span = value.AsSpan().Trim();
        if (span.Length > 7 && span.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            key = span[7..].Trim();
            return !key.IsEmpty;
        }

        key = default;
        return false;
    }
}
