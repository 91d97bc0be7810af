using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;

namespace Junction.Core.Catalog;

/// <summary>What one catalog file says: entries (complete or partial) and, in an override, ids to remove.</summary>
internal sealed record CatalogFile(string SourceName, IReadOnlyList<ModelDraft> Models, IReadOnlyList<string> Remove);

/// <summary>
/// Reads one <c>junction-catalog/v1</c> file and checks every field it gives: type, range, format and spelling.
/// Whether an entry is complete, and cross-field rules, are checked after merging (see <see cref="ModelDraft.ToEntry"/>).
/// </summary>
internal static class CatalogFileReader
{
    public const string Schema = "junction-catalog/v1";

    private static readonly string[] TopLevelFields = ["schema", "models", "remove"];

    private static readonly string[] EntryFields =
    [
        "id", "provider", "upstream_model", "family", "tier", "regions", "price_in", "price_out", "price_cached_in",
        "context_window", "max_output", "capabilities", "bench_intelligence", "open_weights", "data_retention",
        "priors", "price_source", "quality_source",
    ];

    private static readonly string[] PriorFields = ["latency_p50_ms", "ttft_p50_ms", "tokens_per_s", "availability"];
    private static readonly string[] SourceFields = ["url", "as_of"];
    private static readonly string[] Tiers = ["frontier", "standard", "small"];

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = false,
        MaxDepth = 16,
    };

    public static CatalogFile Read(Stream json, string sourceName, bool isOverride)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException ex)
        {
            var line = ex.LineNumber is { } l ? $" at line {l + 1}" : string.Empty;
            throw new CatalogException(sourceName, null, null, null, $"invalid JSON{line}: {ex.Message}", ex);
        }

        using (document)
        {
            return ReadRoot(document.RootElement, sourceName, isOverride);
        }
    }

    private static CatalogFile ReadRoot(JsonElement root, string source, bool isOverride)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new CatalogException(source, null, null, null, $"the document must be a JSON object, got {Kind(root)}");
        }

        string? schema = null;
        var models = new List<ModelDraft>();
        var remove = new List<string>();
        var seenModels = false;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in root.EnumerateObject())
        {
            if (!seen.Add(property.Name))
            {
                throw new CatalogException(source, null, null, property.Name, "given more than once");
            }

            switch (property.Name)
            {
                case "schema":
                    schema = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null;
                    if (schema != Schema)
                    {
                        throw new CatalogException(source, null, null, "schema", $"must be \"{Schema}\"");
                    }

                    break;
                case "models":
                    seenModels = true;
                    ReadModels(property.Value, source, models);
                    break;
                case "remove":
                    if (!isOverride)
                    {
                        throw new CatalogException(source, null, null, "remove", "only an operator override file may remove models");
                    }

                    ReadRemove(property.Value, source, remove);
                    break;
                default:
                    throw new CatalogException(source, null, null, property.Name, "unknown field" + Spelling.Hint(property.Name, TopLevelFields));
            }
        }

        if (schema is null)
        {
            throw new CatalogException(source, null, null, "schema", $"required (\"{Schema}\")");
        }

        if (!seenModels && !isOverride)
        {
            throw new CatalogException(source, null, null, "models", "required");
        }

        return new CatalogFile(source, models, remove);
    }

    private static void ReadModels(JsonElement value, string source, List<ModelDraft> models)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new CatalogException(source, null, null, "models", $"must be an array, got {Kind(value)}");
        }

        var firstIndexById = new Dictionary<string, int>(StringComparer.Ordinal);
        var index = 0;
        foreach (var element in value.EnumerateArray())
        {
            var draft = ReadEntry(element, source, index);
            if (!firstIndexById.TryAdd(draft.Id, index))
            {
                throw draft.Error("id", $"duplicate id (first given at #{firstIndexById[draft.Id]})");
            }

            models.Add(draft);
            index++;
        }
    }

    private static void ReadRemove(JsonElement value, string source, List<string> remove)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new CatalogException(source, null, null, "remove", $"must be an array of model ids, got {Kind(value)}");
        }

        var i = 0;
        foreach (var element in value.EnumerateArray())
        {
            if (element.ValueKind != JsonValueKind.String || element.GetString() is not { Length: > 0 } id)
            {
                throw new CatalogException(source, null, null, $"remove[{i}]", $"must be a model id string, got {Kind(element)}");
            }

            remove.Add(id);
            i++;
        }
    }

    private static ModelDraft ReadEntry(JsonElement element, string source, int index)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new CatalogException(source, null, index, null, $"must be a JSON object, got {Kind(element)}");
        }

        // The id goes into every later message, so it is read first.
        if (!element.TryGetProperty("id", out var idElement))
        {
            throw new CatalogException(source, null, index, "id", "required");
        }

        if (idElement.ValueKind != JsonValueKind.String || idElement.GetString() is not { } id)
        {
            throw new CatalogException(source, null, index, "id", $"must be a string, got {Kind(idElement)}");
        }

        if (!IsToken(id, allowDot: true))
        {
            throw new CatalogException(source, id, index, "id", "must be 1-100 characters of a-z, 0-9, '.', '-', '_', starting with a letter or digit");
        }

        var draft = new ModelDraft { Id = id, SourceName = source, Index = index };
        var reader = new FieldReader(draft);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (!seen.Add(property.Name))
            {
                throw draft.Error(property.Name, "given more than once");
            }

            reader.Read(property.Name, property.Value);
        }

        return draft;
    }

    /// <summary>Reads the fields of one entry into its draft, naming the field in every error.</summary>
    private readonly struct FieldReader(ModelDraft draft)
    {
        public void Read(string name, JsonElement value)
        {
            switch (name)
            {
                case "id":
                    break;
                case "provider":
                    draft.Provider = Token(name, value, allowDot: false);
                    break;
                case "upstream_model":
                    draft.UpstreamModel = Optional<string?>.Of(value.ValueKind == JsonValueKind.Null ? null : NonEmptyString(name, value));
                    break;
                case "family":
                    draft.Family = NonEmptyString(name, value);
                    break;
                case "tier":
                    var tier = NonEmptyString(name, value);
                    draft.Tier = Array.IndexOf(Tiers, tier) >= 0
                        ? tier
                        : throw draft.Error(name, $"must be one of {string.Join(", ", Tiers)}, got '{tier}'{Spelling.Hint(tier, Tiers)}");
                    break;
                case "regions":
                    draft.Regions = Regions(name, value);
                    break;
                case "price_in":
                    draft.PriceIn = Number(name, value, min: 0);
                    break;
                case "price_out":
                    draft.PriceOut = Number(name, value, min: 0);
                    break;
                case "price_cached_in":
                    draft.PriceCachedIn = Optional<double?>.Of(value.ValueKind == JsonValueKind.Null ? null : Number(name, value, min: 0));
                    break;
                case "context_window":
                    draft.ContextWindow = PositiveInteger(name, value);
                    break;
                case "max_output":
                    draft.MaxOutput = PositiveInteger(name, value);
                    break;
                case "capabilities":
                    draft.Capabilities = Capabilities(name, value);
                    break;
                case "bench_intelligence":
                    draft.BenchIntelligence = Number(name, value, min: 0, max: 1);
                    break;
                case "open_weights":
                    draft.OpenWeights = value.ValueKind switch
                    {
                        JsonValueKind.True => true,
                        JsonValueKind.False => false,
                        _ => throw draft.Error(name, $"must be true or false, got {Kind(value)}"),
                    };
                    break;
                case "data_retention":
                    draft.DataRetention = Retention(name, value);
                    break;
                case "priors":
                    ReadPriors(value);
                    break;
                case "price_source":
                    var (priceUrl, priceAsOf) = Source(name, value);
                    draft.PriceSourceUrl = priceUrl ?? draft.PriceSourceUrl;
                    draft.PriceSourceAsOf = priceAsOf ?? draft.PriceSourceAsOf;
                    break;
                case "quality_source":
                    var (qualityUrl, qualityAsOf) = Source(name, value);
                    draft.QualitySourceUrl = qualityUrl ?? draft.QualitySourceUrl;
                    draft.QualitySourceAsOf = qualityAsOf ?? draft.QualitySourceAsOf;
                    break;
                default:
                    throw draft.Error(name, "unknown field" + Spelling.Hint(name, EntryFields));
            }
        }

        private void ReadPriors(JsonElement value)
        {
            foreach (var property in Object("priors", value, PriorFields))
            {
                var field = "priors." + property.Name;
                switch (property.Name)
                {
                    case "latency_p50_ms":
                        draft.LatencyP50Ms = Number(field, property.Value, min: 0, exclusiveMin: true);
                        break;
                    case "ttft_p50_ms":
                        draft.TtftP50Ms = Number(field, property.Value, min: 0, exclusiveMin: true);
                        break;
                    case "tokens_per_s":
                        draft.TokensPerS = Number(field, property.Value, min: 0, exclusiveMin: true);
                        break;
                    case "availability":
                        draft.Availability = Number(field, property.Value, min: 0, max: 1);
                        break;
                }
            }
        }

        private (string? Url, string? AsOf) Source(string name, JsonElement value)
        {
            string? url = null;
            string? asOf = null;
            foreach (var property in Object(name, value, SourceFields))
            {
                var field = name + "." + property.Name;
                var text = NonEmptyString(field, property.Value);
                if (property.Name == "url")
                {
                    url = Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
                        ? text
                        : throw draft.Error(field, $"must be an absolute http(s) URL, got '{text}'");
                }
                else
                {
                    asOf = DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
                        ? text
                        : throw draft.Error(field, $"must be a date in the form yyyy-MM-dd, got '{text}'");
                }
            }

            return (url, asOf);
        }

        /// <summary>The properties of a nested object, after rejecting unknown and repeated names.</summary>
        private List<JsonProperty> Object(string name, JsonElement value, string[] known)
        {
            if (value.ValueKind != JsonValueKind.Object)
            {
                throw draft.Error(name, $"must be an object, got {Kind(value)}");
            }

            var properties = new List<JsonProperty>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in value.EnumerateObject())
            {
                var field = name + "." + property.Name;
                if (Array.IndexOf(known, property.Name) < 0)
                {
                    throw draft.Error(field, "unknown field" + Spelling.Hint(property.Name, known));
                }

                if (!seen.Add(property.Name))
                {
                    throw draft.Error(field, "given more than once");
                }

                properties.Add(property);
            }

            return properties;
        }

        private string NonEmptyString(string name, JsonElement value) =>
            value.ValueKind == JsonValueKind.String && value.GetString() is { } text && !string.IsNullOrWhiteSpace(text)
                ? text
                : throw draft.Error(name, value.ValueKind == JsonValueKind.String ? "must not be empty" : $"must be a string, got {Kind(value)}");

        private string Token(string name, JsonElement value, bool allowDot)
        {
            var text = NonEmptyString(name, value);
            return IsToken(text, allowDot)
                ? text
                : throw draft.Error(name, $"must be lower-case letters, digits, '-' or '_', got '{text}'");
        }

        private double Number(string name, JsonElement value, double min, double max = double.MaxValue, bool exclusiveMin = false)
        {
            var bound = exclusiveMin ? $"> {min}" : $">= {min}";
            var range = max == double.MaxValue ? bound : $"in {min}..{max}";
            if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || !double.IsFinite(number))
            {
                throw draft.Error(name, $"must be a finite number {range}, got {Kind(value)}");
            }

            if (number < min || (exclusiveMin && number == min) || number > max)
            {
                throw draft.Error(name, $"must be a finite number {range}, got {number.ToString(CultureInfo.InvariantCulture)}");
            }

            return number;
        }

        private int PositiveInteger(string name, JsonElement value) =>
            value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) && number > 0
                ? number
                : throw draft.Error(name, $"must be a whole number > 0, got {(value.ValueKind == JsonValueKind.Number ? value.GetRawText() : Kind(value))}");

        private ImmutableArray<string> Regions(string name, JsonElement value)
        {
            if (value.ValueKind != JsonValueKind.Array)
            {
                throw draft.Error(name, $"must be an array of region names, got {Kind(value)}");
            }

            var regions = new SortedSet<string>(StringComparer.Ordinal);
            var i = 0;
            foreach (var element in value.EnumerateArray())
            {
                var region = Token($"{name}[{i}]", element, allowDot: false);
                if (!regions.Add(region))
                {
                    throw draft.Error($"{name}[{i}]", $"duplicate region '{region}'");
                }

                i++;
            }

            return regions.Count > 0 ? [.. regions] : throw draft.Error(name, "must name at least one region");
        }

        private ModelCapabilities Capabilities(string name, JsonElement value)
        {
            if (value.ValueKind != JsonValueKind.Array)
            {
                throw draft.Error(name, $"must be an array of capability names, got {Kind(value)}");
            }

            var flags = ModelCapabilities.None;
            var i = 0;
            foreach (var element in value.EnumerateArray())
            {
                var field = $"{name}[{i}]";
                var capability = NonEmptyString(field, element);
                if (!CapabilityNames.TryParse(capability, out var flag))
                {
                    var known = CapabilityNames.All.Select(c => c.Name).ToArray();
                    throw draft.Error(field, $"unknown capability '{capability}'{Spelling.Hint(capability, known)}; known: {string.Join(", ", known)}");
                }

                if ((flags & flag) != 0)
                {
                    throw draft.Error(field, $"duplicate capability '{capability}'");
                }

                flags |= flag;
                i++;
            }

            return flags;
        }

        private string Retention(string name, JsonElement value)
        {
            var text = NonEmptyString(name, value);
            var days = text.Length > 1 && text[^1] == 'd' && int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0;
            return days || text is "zero" or "unspecified"
                ? text
                : throw draft.Error(name, $"must be 'zero', 'unspecified' or a number of days such as '30d', got '{text}'");
        }
    }

    private static bool IsToken(string text, bool allowDot)
    {
        if (text.Length is 0 or > 100 || !(char.IsAsciiLetterLower(text[0]) || char.IsAsciiDigit(text[0])))
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-' || c == '_' || (allowDot && c == '.')))
            {
                return false;
            }
        }

        return true;
    }

    private static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
