namespace Junction.Storage;

/// <summary>Checks shared by the stores; each returns null when the value is fine, else a message naming the field.</summary>
internal static class Validation
{
    /// <summary>A slug: 1 to 64 of <c>a-z 0-9 - _</c>, starting with a letter or digit.</summary>
    public static string? Slug(string field, string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > 64)
        {
            return $"{field} must be 1 to 64 characters.";
        }

        if (!char.IsAsciiLetterLower(value[0]) && !char.IsAsciiDigit(value[0]))
        {
            return $"{field} must start with a lowercase letter or a digit.";
        }

        foreach (var c in value)
        {
            if (!char.IsAsciiLetterLower(c) && !char.IsAsciiDigit(c) && c != '-' && c != '_')
            {
                return $"{field} may hold only lowercase letters, digits, '-' and '_'.";
            }
        }

        return null;
    }

    public static string? NonNegative(string field, decimal? value) =>
        value < 0 ? $"{field} must not be negative." : null;

    public static string? Positive(string field, int? value) =>
        value <= 0 ? $"{field} must be positive." : null;

    public static string? Required(string field, string? value) =>
        string.IsNullOrWhiteSpace(value) ? $"{field} is required." : null;
}
