using System.Globalization;
using System.Text.Json;
using Junction.Core.Policy;

namespace Junction.Server.Admin;

/// <summary>
/// Reads an admin request's JSON object field by field, collecting every problem as a <see cref="FieldError"/> so one
/// answer names them all. <see cref="Has"/> tells an absent field (keep) from an explicit null (clear) on updates.
/// </summary>
internal sealed class AdminBody(JsonElement root)
{
    public List<FieldError> Errors { get; } = [];

    public static async Task<AdminBody?> ReadAsync(HttpContext context)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            return new AdminBody(document.RootElement.Clone());
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public bool Has(string name) => root.TryGetProperty(name, out _);

    public string? String(string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            Errors.Add(new FieldError(name, "must be a string"));
            return null;
        }

        return value.GetString();
    }

    public decimal? Decimal(string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDecimal(out var number) || number < 0)
        {
            Errors.Add(new FieldError(name, "must be a non-negative number"));
            return null;
        }

        return number;
    }

    public int? Int(string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number) || number < 0)
        {
            Errors.Add(new FieldError(name, "must be a non-negative integer"));
            return null;
        }

        return number;
    }

    public DateTimeOffset? Time(string name)
    {
        var text = String(name);
        if (text is null)
        {
            return null;
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            Errors.Add(new FieldError(name, "must be an ISO 8601 time"));
            return null;
        }

        return time;
    }

    public IReadOnlyList<string>? Strings(string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var list = new List<string>();
        if (value.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in value.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String)
                {
                    Errors.Add(new FieldError(name, "must be an array of strings"));
                    return null;
                }

                list.Add(item.GetString()!);
            }

            return list;
        }

        Errors.Add(new FieldError(name, "must be an array of strings"));
        return null;
    }

    /// <summary>A <c>junction-pol/v1</c> document, validated by the policy parser; its errors name their path under <paramref name="name"/>.</summary>
    public string? Policy(string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var parsed = PolicyParser.Parse(value);
        if (!parsed.IsValid)
        {
            foreach (var error in parsed.Errors)
            {
                var reason = error.Suggestion is null ? error.Message : $"{error.Message} (did you mean '{error.Suggestion}'?)";
                Errors.Add(new FieldError(error.Path is { Length: > 0 } path ? $"{name}.{path}" : name, reason));
            }

            return null;
        }

        return value.GetRawText();
    }
}
