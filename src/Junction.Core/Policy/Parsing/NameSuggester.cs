namespace Junction.Core.Policy.Parsing;

/// <summary>Finds the known name a misspelled one most likely meant. Runs only when reporting an error.</summary>
internal static class NameSuggester
{
    private const int MaxDistance = 2;

    /// <summary>
    /// The closest candidate by Damerau-Levenshtein distance (at most 2, and less than the name's length so
    /// that one- or two-letter names do not match everything), else the first candidate the name is a prefix
    /// of, or that is a prefix of the name. Null when nothing is close.
    /// </summary>
    public static string? Suggest(string name, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        string? prefixMatch = null;
        foreach (var candidate in candidates)
        {
            var distance = Distance(name, candidate);
            if (distance <= MaxDistance && distance < name.Length && distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }

            if (prefixMatch is null && name.Length >= 2 &&
                (candidate.StartsWith(name, StringComparison.OrdinalIgnoreCase) ||
                 name.StartsWith(candidate, StringComparison.OrdinalIgnoreCase)))
            {
                prefixMatch = candidate;
            }
        }

        return best ?? prefixMatch;
    }

    /// <summary>Optimal string alignment distance: insertions, deletions, substitutions, adjacent transpositions.</summary>
    internal static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                var value = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, d[i - 2, j - 2] + 1);
                }

                d[i, j] = value;
            }
        }

        return d[a.Length, b.Length];
    }
}
