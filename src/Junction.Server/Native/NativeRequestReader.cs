using System.Text.Json;
using Junction.Core.Policy;
using Junction.Core.Requests;
using Junction.Server.Ingress;
using Junction.Server.Ingress.OpenAI;

namespace Junction.Server.Native;

/// <summary>
/// Reads the native request <c>{prompt, strategy?, max_cost?, force_model?, max_tokens?, policy?, stream?}</c>.
/// <c>force_model</c> is <c>provider:model</c> (or a catalog id), or a bare provider id meaning that provider's best
/// survivor (a request policy filter on the provider).
/// </summary>
internal static class NativeRequestReader
{
    public static ApiError? Read(JsonElement root, ChatRequest request, RoutingKnobs knobs, IReadOnlySet<string> providers)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return ApiErrors.BadField("body", "The request body must be a JSON object.");
        }

        request.Model = "auto";
        string? prompt = null;
        string? forcedProvider = null;
        foreach (var property in root.EnumerateObject())
        {
            var value = property.Value;
            ApiError? error = null;
            switch (property.Name)
            {
                case "prompt":
                    prompt = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
                    error = string.IsNullOrWhiteSpace(prompt) ? ApiErrors.BadField("prompt", "'prompt' must be a non-empty string.") : null;
                    break;
                case "max_tokens":
                    if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var max) && max >= 1)
                    {
                        request.MaxTokens = max;
                    }
                    else
                    {
                        error = ApiErrors.BadField("max_tokens", "'max_tokens' must be a positive integer.");
                    }

                    break;
                case "stream":
                    break;
                case "force_model" when value.ValueKind == JsonValueKind.String && value.GetString() is { } force:
                    if (providers.Contains(force))
                    {
                        forcedProvider = force;
                    }
                    else
                    {
                        // provider:model is the native spelling; the resolver knows provider/model.
                        knobs.ForceModel = force.Replace(':', '/');
                        knobs.ForceModelParam = "force_model";
                    }

                    break;
                default:
                    if (!ChatRequestReader.TryReadKnob(property, knobs, string.Empty, out error))
                    {
                        error = ApiErrors.BadField(property.Name, $"Unknown field '{property.Name}'; known: prompt, strategy, max_cost, force_model, max_tokens, policy, tags, tenant, stream.");
                    }

                    break;
            }

            if (error is not null)
            {
                return error;
            }
        }

        if (prompt is null)
        {
            return ApiErrors.MissingField("prompt", "'prompt' is required.");
        }

        if (forcedProvider is not null)
        {
            if (knobs.Policy is not null)
            {
                return ApiErrors.BadField("force_model", "A provider-only 'force_model' cannot be combined with 'policy'; filter on the provider in the policy instead.");
            }

            var parsed = PolicyParser.Parse(System.Text.Encoding.UTF8.GetBytes($$"""{"filter":["eq","provider","{{JsonEncodedText.Encode(forcedProvider)}}"]}"""));
            knobs.Policy = parsed.Policy;
        }

        var message = new ChatMessage { Role = ChatRole.User };
        message.Content.Add(ContentPart.FromText(prompt));
        request.Messages.Add(message);
        request.IncludeUsage = true;
        return null;
    }
}
