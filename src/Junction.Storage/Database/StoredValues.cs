using System.Text.Json;
using Junction.Storage.Json;

namespace Junction.Storage.Database;

/// <summary>
/// How values are kept in columns: money as whole nano-USD (1e-9 USD, exact sums; ±9.2 billion USD of range),
/// times as Unix milliseconds UTC, string lists as JSON arrays.
/// </summary>
internal static class StoredValues
{
    private const decimal NanosPerUsd = 1_000_000_000m;

    public static long ToNanos(decimal usd) => (long)decimal.Round(usd * NanosPerUsd, MidpointRounding.AwayFromZero);

    public static long? ToNanos(decimal? usd) => usd is { } value ? ToNanos(value) : null;

    public static decimal ToUsd(long nanos) => nanos / NanosPerUsd;

    public static decimal? ToUsd(long? nanos) => nanos is { } value ? ToUsd(value) : null;

    public static long ToMillis(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    public static long? ToMillis(DateTimeOffset? time) => time?.ToUnixTimeMilliseconds();

    public static DateTimeOffset FromMillis(long millis) => DateTimeOffset.FromUnixTimeMilliseconds(millis);

    public static DateTimeOffset? FromMillis(long? millis) => millis is { } value ? FromMillis(value) : null;

    public static string ToJson(IReadOnlyList<string> values) =>
        JsonSerializer.Serialize(values, StorageJsonContext.Default.IReadOnlyListString);

    public static IReadOnlyList<string> FromJsonList(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize(json, StorageJsonContext.Default.StringArray) ?? [];
}
