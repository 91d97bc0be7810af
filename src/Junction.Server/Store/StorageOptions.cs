namespace Junction.Server.Store;

/// <summary>Where the embedded store keeps its files (<c>Junction:Storage</c>; <c>junction serve --data-dir</c>).</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Junction:Storage";

    /// <summary>The data directory: the database and the key ring that encrypts provider credentials. Default: <c>data</c> under the working directory.</summary>
    public string? DataDirectory { get; set; }

    /// <summary>The data directory as a full path.</summary>
    public string ResolvedDataDirectory =>
        Path.GetFullPath(string.IsNullOrWhiteSpace(DataDirectory) ? Path.Combine(Directory.GetCurrentDirectory(), "data") : DataDirectory);
}
