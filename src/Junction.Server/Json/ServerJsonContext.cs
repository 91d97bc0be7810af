using System.Text.Json;
using System.Text.Json.Serialization;

namespace Junction.Server.Json;

/// <summary>An OpenAI model list (<c>GET /v1/models</c>).</summary>
internal sealed record ModelList(string Object, IReadOnlyList<ModelCard> Data);

/// <summary>One model in OpenAI's shape, plus the facts routing uses.</summary>
internal sealed record ModelCard(string Id, string Object, long Created, string OwnedBy, string Tier, double PriceIn, double PriceOut, int ContextWindow);

/// <summary>The field registry (<c>GET /x/fields</c>).</summary>
internal sealed record FieldList(string Object, IReadOnlyList<FieldCard> Data);

/// <summary>One policy field: type, unit, operators and where its value comes from.</summary>
internal sealed record FieldCard(string Name, string Type, string? Unit, string Description, IReadOnlyList<string> Operators, string Source);

/// <summary>The answer of <c>POST /x/validate</c>.</summary>
internal sealed record ValidationResult(bool Valid, JsonElement? Canonical, string? Fingerprint, IReadOnlyList<ValidationError> Errors);

/// <summary>One policy error with its JSON path and, where close, a suggestion.</summary>
internal sealed record ValidationError(string Path, string Message, string? Suggestion);

/// <summary>The answer of <c>/readyz</c>.</summary>
internal sealed record Readiness(string Status, string? Catalog, int Models, string Simulator, string Mode, string Store);

/// <summary>Source-generated JSON for the gateway's own (non-OpenAI-hot-path) bodies.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(ModelList))]
[JsonSerializable(typeof(FieldList))]
[JsonSerializable(typeof(ValidationResult))]
[JsonSerializable(typeof(Readiness))]
internal sealed partial class ServerJsonContext : JsonSerializerContext;

