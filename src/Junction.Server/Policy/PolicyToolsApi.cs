using System.Text.Json;
using Junction.Core.Policy;
using Junction.Core.Routing.Trace;
using Junction.Server.Auth;
using Junction.Server.Ingress.OpenAI;
using Junction.Server.Json;
using Junction.Storage.Traces;
using Microsoft.AspNetCore.Http.Features;

namespace Junction.Server.Policy;

/// <summary>
/// The policy tools under <c>/x</c>: the field registry, the dry-run ranker, the validator and stored traces.
/// Every route needs a tenant key; traces are only readable by the tenant that made them.
/// </summary>
internal static class PolicyToolsApi
{
    public static IEndpointRouteBuilder MapPolicyToolsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/x").WithMetadata(new RequiresApiKeyAttribute { AcceptsSession = true });
        group.MapGet("/fields", static () => TypedResults.Json(Fields, JsonWriting.Context.FieldList));
        group.MapPost("/validate", ValidateAsync);
        group.MapPost("/rank", static (HttpContext context, DryRunHandler handler) => handler.HandleAsync(context));
        group.MapGet("/traces/{id}", GetTraceAsync);
        return app;
    }

    private static readonly FieldList Fields = BuildFields();

    private static FieldList BuildFields()
    {
        var cards = new List<FieldCard>(PolicyFields.All.Count);
        foreach (var field in PolicyFields.All)
        {
            var type = field.Type switch
            {
                FieldType.String => "string",
                FieldType.StringSet => "string_set",
                FieldType.Number => "number",
                _ => "boolean",
            };
            var source = field.Source switch
            {
                FieldSource.Static => "static",
                FieldSource.Live => "live",
                _ => "request",
            };
            cards.Add(new FieldCard(field.Name, type, field.Unit, field.Description, field.Operators, source));
        }

        return new FieldList("list", cards);
    }

    private static async Task ValidateAsync(HttpContext context)
    {
        JsonDocument document;
        try
        {
            document = await Pipeline.RequestBody.ReadJsonAsync(context.Request.BodyReader, context.RequestAborted);
        }
        catch (JsonException e)
        {
            await OpenAIErrorWriter.WriteAsync(context, ApiErrors.InvalidJson(e.Message));
            return;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("policy"u8, out var policy))
            {
                await OpenAIErrorWriter.WriteAsync(context, ApiErrors.MissingField("policy", "The body must be {\"policy\": {...}}."));
                return;
            }

            var parsed = PolicyParser.Parse(policy);
            ValidationResult result;
            if (parsed.IsValid)
            {
                using var canonical = JsonDocument.Parse(PolicyCanonicalizer.ToCanonicalJson(parsed.Policy!));
                result = new ValidationResult(true, canonical.RootElement.Clone(), PolicyCanonicalizer.Fingerprint(parsed.Policy!), []);
            }
            else
            {
                var errors = new List<ValidationError>(parsed.Errors.Count);
                foreach (var error in parsed.Errors)
                {
                    errors.Add(new ValidationError(error.Path, error.Message, error.Suggestion));
                }

                result = new ValidationResult(false, null, null, errors);
            }

            await TypedResults.Json(result, JsonWriting.Context.ValidationResult).ExecuteAsync(context);
        }
    }

    private static async Task GetTraceAsync(HttpContext context, string id, ITraceStore traces, Junction.Storage.EmbeddedStore store)
    {
        // Dry runs are kept in memory; a request's trace is in its request record, still queued or in the database.
        // Every read is for the caller's own tenant only.
        var caller = context.Features.GetRequiredFeature<Caller>();
        var json = (await traces.FindAsync(caller.TenantId, id, context.RequestAborted))?.Json;
        json ??= store.RequestLog.FindPending(caller.TenantId, id) switch
        {
            { TraceJson: { } pendingJson } => pendingJson,
            { Trace: { } pending } => TraceJson.SerializeToUtf8Bytes(pending),
            _ => (ReadOnlyMemory<byte>?)null,
        };
        json ??= (await store.RequestLogs.GetAsync(caller.TenantId, id, context.RequestAborted))?.TraceJson;
        if (json is not { } trace)
        {
            await OpenAIErrorWriter.WriteAsync(context, ApiErrors.NotFound($"No trace '{id}' for this tenant."));
            return;
        }

        context.Response.ContentType = "application/json";
        await context.Response.BodyWriter.WriteAsync(trace, context.RequestAborted);
    }
}
