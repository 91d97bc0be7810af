// The floor of the load comparison: the least any ASP.NET Core proxy does for a chat completion. It reads the body,
// sends it upstream with one pooled HttpClient and copies the answer back, flushing as the upstream's bytes arrive;
// no authentication, no JSON, no routing, no request log. Junction runs on the same Kestrel and HttpClient, so the
// distance between this row and nginx's is the platform's, and the distance between this row and Junction's is
// what the gateway's own work costs. Same runtime defaults as Junction (the Web SDK's server GC).
//
// Usage: junction-load-floor LISTEN_URL UPSTREAM_BASE_URL (e.g. http://127.0.0.1:8081 http://127.0.0.1:8080)
using System.Net.Http.Headers;

if (args.Length != 2)
{
    Console.Error.WriteLine("usage: junction-load-floor LISTEN_URL UPSTREAM_BASE_URL");
    return 2;
}

var upstream = args[1].TrimEnd('/');
var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.UseUrls(args[0]);
var app = builder.Build();
var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, ActivityHeadersPropagator = null });
var json = new MediaTypeHeaderValue("application/json");

app.MapGet("/healthz", () => "ok");
app.MapPost("/{**path}", async (HttpContext context, string path) =>
{
    using var body = new MemoryStream();
    await context.Request.Body.CopyToAsync(body, context.RequestAborted);
    using var request = new HttpRequestMessage(HttpMethod.Post, $"{upstream}/{path}")
    {
        Content = new ByteArrayContent(body.GetBuffer(), 0, (int)body.Length) { Headers = { ContentType = json } },
    };
    using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
    context.Response.StatusCode = (int)response.StatusCode;
    context.Response.ContentType = response.Content.Headers.ContentType?.ToString();
    await using var answer = await response.Content.ReadAsStreamAsync(context.RequestAborted);
    await answer.CopyToAsync(context.Response.Body, context.RequestAborted);
});

app.Run();
return 0;
