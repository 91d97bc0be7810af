namespace Junction.Storage.Keys;

/// <summary>What is asked for when creating a key; the store generates the id and the secret.</summary>
public sealed record NewApiKey
{
    public required string TenantId { get; init; }

    public required string Name { get; init; }

    public ApiKeyRole Role { get; init; } = ApiKeyRole.Member;

    public string? PolicyJson { get; init; }

    public decimal? DailyBudgetUsd { get; init; }

    public decimal? MonthlyBudgetUsd { get; init; }

    public int? RequestsPerMinute { get; init; }

    public int? TokensPerMinute { get; init; }

    public IReadOnlyList<string> AllowedTenants { get; init; } = [];

    public DateTimeOffset? ExpiresAt { get; init; }
}

/// <summary>A key just created: the only time its <see cref="Secret"/> exists outside the caller's hands.</summary>
public sealed record CreatedApiKey(ApiKey Key, string Secret)
{
    /// <summary>Keeps the secret out of logs and debugger views.</summary>
    public override string ToString() => $"CreatedApiKey {{ Key = {Key.Id}, Secret = {Key.Prefix}... }}";
}
