using System.Text;
using System.Text.Json;

namespace Junction.Core.Policy.Parsing;

/// <summary>
/// The state of one parse: the JSON path of the element being read and every error found so far.
/// Readers return null for a term they rejected and keep going, so one pass reports all errors.
/// </summary>
internal sealed class PolicyReadContext
{
    private readonly List<PolicyError> _errors = [];
    private readonly List<(string? Key, int Index)> _path = [];

    public IReadOnlyList<PolicyError> Errors => _errors;

    public bool HasErrors => _errors.Count > 0;

    /// <summary>Steps into an array element until the scope is disposed.</summary>
    public PathScope Enter(int index)
    {
        _path.Add((null, index));
        return new PathScope(this);
    }

    /// <summary>Steps into an object member until the scope is disposed.</summary>
    public PathScope Enter(string key)
    {
        _path.Add((key, 0));
        return new PathScope(this);
    }

    public void Error(string message, string? suggestion = null) => _errors.Add(new PolicyError(CurrentPath(), message, suggestion));

    /// <summary>Reports an error at element <paramref name="index"/> of the current array.</summary>
    public void ErrorAt(int index, string message, string? suggestion = null)
    {
        using (Enter(index))
        {
            Error(message, suggestion);
        }
    }

    /// <summary>A string, or null after reporting what was there instead.</summary>
    public string? ReadString(JsonElement element, string what)
    {
        if (element.ValueKind == JsonValueKind.String)
        {
            return element.GetString()!;
        }

        Error($"{what} must be a string, got {Describe(element)}");
        return null;
    }

    /// <summary>A finite number, or null after reporting why not.</summary>
    public double? ReadNumber(JsonElement element, string what)
    {
        if (element.ValueKind != JsonValueKind.Number)
        {
            Error($"{what} must be a number, got {Describe(element)}");
            return null;
        }

        if (!element.TryGetDouble(out var value) || !double.IsFinite(value))
        {
            Error($"{what} is out of range: {element.GetRawText()}");
            return null;
        }

        return value;
    }

    /// <summary>An integer in <paramref name="min"/>..<paramref name="max"/> (3.0 counts as 3), or null after reporting why not.</summary>
    public int? ReadInteger(JsonElement element, string what, int min, int max)
    {
        if (ReadNumber(element, what) is not { } value)
        {
            return null;
        }

        if (Math.Floor(value) != value || value < min || value > max)
        {
            Error($"{what} must be an integer from {min} to {max}, got {element.GetRawText()}");
            return null;
        }

        return (int)value;
    }

    /// <summary>
    /// The members of an object, each visited with its path entered; a repeated key is an error and only its
    /// first occurrence is visited. Null after reporting a non-object.
    /// </summary>
    public bool ReadObject(JsonElement element, string what, Action<JsonProperty> visit)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            Error($"{what} must be an object, got {Describe(element)}");
            return false;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            using (Enter(property.Name))
            {
                if (!seen.Add(property.Name))
                {
                    Error($"duplicate key '{property.Name}'");
                    continue;
                }

                visit(property);
            }
        }

        return true;
    }

    public static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    private string CurrentPath()
    {
        if (_path.Count == 0)
        {
            return "$";
        }

        var path = new StringBuilder();
        foreach (var (key, index) in _path)
        {
            if (key is null)
            {
                path.Append('[').Append(index).Append(']');
            }
            else
            {
                if (path.Length > 0)
                {
                    path.Append('.');
                }

                path.Append(key);
            }
        }

        return path.ToString();
    }

    /// <summary>Leaves the path segment entered by <see cref="Enter(int)"/> or <see cref="Enter(string)"/>.</summary>
    public readonly struct PathScope(PolicyReadContext context) : IDisposable
    {
        public void Dispose() => context._path.RemoveAt(context._path.Count - 1);
    }
}
