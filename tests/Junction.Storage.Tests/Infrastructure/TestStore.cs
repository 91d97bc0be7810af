using Junction.Storage.Keys;
using Junction.Storage.Tenants;

namespace Junction.Storage.Tests.Infrastructure;

/// <summary>Opens embedded stores in a test's own directory, and makes the tenants and keys tests start from.</summary>
public static class TestStore
{
    public static Task<EmbeddedStore> OpenAsync(TestDirectory directory, TimeProvider? time = null, TestSecretProtector? protector = null, EmbeddedStoreOptions? options = null) =>
        EmbeddedStore.OpenAsync(directory.Path, protector ?? new TestSecretProtector(), options ?? new EmbeddedStoreOptions { SpendFlushInterval = TimeSpan.Zero }, time);

    public static async Task<Tenant> CreateTenantAsync(this EmbeddedStore store, string id, decimal? dailyBudget = null, decimal? monthlyBudget = null)
    {
        var result = await store.Tenants.CreateAsync(new Tenant { Id = id, Name = id.ToUpperInvariant(), DailyBudgetUsd = dailyBudget, MonthlyBudgetUsd = monthlyBudget });
        Assert.True(result.IsOk, result.Message);
        return result.Value!;
    }

    public static async Task<CreatedApiKey> CreateKeyAsync(this EmbeddedStore store, string tenantId, string name = "test key", IReadOnlyList<string>? allowedTenants = null, DateTimeOffset? expiresAt = null)
    {
        var result = await store.Keys.CreateAsync(new NewApiKey { TenantId = tenantId, Name = name, AllowedTenants = allowedTenants ?? [], ExpiresAt = expiresAt });
        Assert.True(result.IsOk, result.Message);
        return result.Value!;
    }

    public static readonly DateTimeOffset Noon = new(2025, 3, 14, 12, 0, 0, TimeSpan.Zero);
}
