using System.Globalization;
using System.Reflection;

namespace Junction.Storage.Database;

/// <summary>
/// The schema steps shipped with this build: the embedded <c>Database/Migrations/NNNN_name.sql</c> files,
/// ordered by their number. A released migration is never edited; a change is a new file.
/// </summary>
internal static class Migrations
{
    private const string ResourcePrefix = "Junction.Storage.Migrations.";

    public static IReadOnlyList<Migration> All { get; } = Load();

    /// <summary>The schema version this build writes and understands.</summary>
    public static int LatestVersion => All[^1].Version;

    private static List<Migration> Load()
    {
        var assembly = typeof(Migrations).Assembly;
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(ResourcePrefix, StringComparison.Ordinal) || !resource.EndsWith(".sql", StringComparison.Ordinal))
            {
                continue;
            }

            var fileName = resource[ResourcePrefix.Length..^".sql".Length];
            var separator = fileName.IndexOf('_', StringComparison.Ordinal);
            var version = int.Parse(fileName.AsSpan(0, separator), NumberStyles.None, CultureInfo.InvariantCulture);
            migrations.Add(new Migration(version, fileName[(separator + 1)..], Read(assembly, resource)));
        }

        migrations.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 0; i < migrations.Count; i++)
        {
            if (migrations[i].Version != i + 1)
            {
                throw new InvalidOperationException($"Migrations must be numbered 1, 2, 3, ... without gaps; found {migrations[i].Version} at position {i + 1}.");
            }
        }

        return migrations;
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
