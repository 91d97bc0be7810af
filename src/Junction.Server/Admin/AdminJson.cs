using System.Text.Json;

namespace Junction.Server.Admin;

/// <summary>The admin views' optional values: written as the value, or as JSON <c>null</c> when there is none.</summary>
internal static class AdminJson
{
    public static void NumberOrNull(this Utf8JsonWriter w, string name, decimal? value)
    {
        if (value is { } v) { w.WriteNumber(name, v); } else { w.WriteNull(name); }
    }

    public static void NumberOrNull(this Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v) { w.WriteNumber(name, v); } else { w.WriteNull(name); }
    }

    public static void NumberOrNull(this Utf8JsonWriter w, string name, long? value)
    {
        if (value is { } v) { w.WriteNumber(name, v); } else { w.WriteNull(name); }
    }

    public static void TimeOrNull(this Utf8JsonWriter w, string name, DateTimeOffset? value)
    {
        if (value is { } v) { w.WriteString(name, v); } else { w.WriteNull(name); }
    }
}
