using Junction.Server.Ingress.OpenAI;

namespace Junction.Server.Hosting;

/// <summary>
/// Turns a bug (an exception nobody expected) into OpenAI's error shape with status 500, when nothing has been
/// sent yet; expected failures never get here, they are values handled where they happen.
/// </summary>
internal sealed class UnhandledErrorMiddleware(RequestDelegate next, ILogger<UnhandledErrorMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (Exception e) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            GatewayLog.UnhandledError(logger, context.Request.Path, e);
            context.Response.Clear();
            await OpenAIErrorWriter.WriteAsync(context, new ApiError(500, "api_error", "internal_error", "Junction failed to handle the request. The error is logged."));
        }
    }
}
