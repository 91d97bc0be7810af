using System.Text.Json.Serialization;

namespace Junction.Storage.Json;

/// <summary>The JSON the store writes into its own columns (string lists).</summary>
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(string[]))]
internal sealed partial class StorageJsonContext : JsonSerializerContext;
