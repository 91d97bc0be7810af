namespace Junction.Core.Policy;

/// <summary>
/// One validation error: a JSON path into the policy (<c>filter[2][1]</c>), what is wrong, and where a close
/// known name exists, the suggestion. <see cref="ToString"/> gives the one-line form used in API errors.
/// </summary>
public sealed record PolicyError(string Path, string Message, string? Suggestion = null)
{
    public override string ToString() =>
        Suggestion is null ? $"{Path}: {Message}" : $"{Path}: {Message} (did you mean '{Suggestion}'?)";
}
