namespace Junction.Core.Catalog;

/// <summary>
/// A catalog file that cannot be used: bad JSON, a missing or invalid field, a duplicate or unknown id.
/// Start-up stops on it; the message names the file, the entry (id and index) and the field.
/// </summary>
public sealed class CatalogException : Exception
{
    public CatalogException()
        : base("invalid catalog")
    {
        SourceName = string.Empty;
    }

    public CatalogException(string message)
        : base(message)
    {
        SourceName = string.Empty;
    }

    public CatalogException(string message, Exception innerException)
        : base(message, innerException)
    {
        SourceName = string.Empty;
    }

    internal CatalogException(string sourceName, string? entryId, int? entryIndex, string? field, string problem, Exception? innerException = null)
        : base(Format(sourceName, entryId, entryIndex, field, problem), innerException)
    {
        SourceName = sourceName;
        EntryId = entryId;
        EntryIndex = entryIndex;
        Field = field;
        Problem = problem;
    }

    /// <summary>The file (or stream name) the problem is in.</summary>
    public string SourceName { get; }

    /// <summary>The id of the offending entry, where it has one.</summary>
    public string? EntryId { get; }

    /// <summary>The index of the offending entry in the file's <c>models</c> array.</summary>
    public int? EntryIndex { get; }

    /// <summary>The offending field (<c>priors.availability</c> for nested ones), where one is to blame.</summary>
    public string? Field { get; }

    /// <summary>What is wrong, without the location prefix.</summary>
    public string? Problem { get; }

    private static string Format(string sourceName, string? entryId, int? entryIndex, string? field, string problem)
    {
        var text = $"catalog '{sourceName}': ";
        if (entryIndex is { } index)
        {
            text += entryId is null ? $"entry #{index}: " : $"entry '{entryId}' (#{index}): ";
        }

        if (field is not null)
        {
            text += $"field '{field}': ";
        }

        return text + problem;
    }
}
