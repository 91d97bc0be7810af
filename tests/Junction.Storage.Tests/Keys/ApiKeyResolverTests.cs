using Junction.Storage.Keys;
using Junction.Storage.Tests.Infrastructure;

namespace Junction.Storage.Tests.Keys;

public sealed class ApiKeyResolverTests
{
    [Fact]
    public async Task ResolveAsync_CreatedKey_ReturnsKeyTenantAndScopes()
    {
        using var directory = new TestDirectory();
        await using var store = await TestStore.OpenAsync(directory);
        await store.CreateTenantAsync("acme", dailyBudget: 5m);
        var created = await store.CreateKeyAsync("acme");

        var resolution = await store.KeyResolver.ResolveAsync(created.Secret);

        Assert.Equal(ApiKeyStatus.Valid, resolution.Status);
        Assert.Equal(created.Key.Id, resolution.Caller!.Key.Id);
        Assert.Equal("acme", resolution.Caller.Tenant.Id);
        Assert.Equal([ScopeKind.Tenant, ScopeKind.Key], resolution.Caller.BudgetScopes.Select(s => s.Kind));
        Assert.Equal(5m, resolution.Caller.BudgetScopes[0].DailyLimitUsd);
    }

    [Theory]
    [InlineData("")]
    [InlineData("jk_doesnotexist")]
    [InlineData("Bearer something")]
    public async Task ResolveAsync_UnknownSecret_ReturnsUnknown(string secret)
    {
        using var directory = new TestDirectory();
        await using var store = await TestStore.OpenAsync(directory);

        var resolution = await store.KeyResolver.ResolveAsync(secret);

        Assert.Equal(ApiKeyStatus.Unknown, resolution.Status);
        Assert.Null(resolution.Caller);
    }

    [Fact]
    public async Task ResolveAsync_AfterRevoke_RefusesAtOnce()
    {
        using var directory = new TestDirectory();
        await using var store = await TestStore.OpenAsync(directory);
        await store.CreateTenantAsync("acme");
        var created = await store.CreateKeyAsync("acme");
        Assert.True((await store.KeyResolver.ResolveAsync(created.Secret)).IsValid); // now cached

        await store.Keys.RevokeAsync("acme", created.Key.Id);

        Assert.Equal(ApiKeyStatus.Revoked, (await store.KeyResolver.ResolveAsync(created.Secret)).Status);
    }

    [Fact]
    public async Task ResolveHashAsync_SameKeyAsTheSecretAndRevocationRefusesAtOnce()
    {
        using var directory = new TestDirectory();
        await using var store = await TestStore.OpenAsync(directory);
        await store.CreateTenantAsync("acme");
        var created = await store.CreateKeyAsync("acme");
        var hash = ApiKeySecrets.Hash(created.Secret);

        var bySecret = await store.KeyResolver.ResolveAsync(created.Secret);
        var byHash = await store.KeyResolver.ResolveHashAsync(hash);
        var malformed = await store.KeyResolver.ResolveHashAsync(created.Secret);
        await store.Keys.RevokeAsync("acme", created.Key.Id);
        var revoked = await store.KeyResolver.ResolveHashAsync(hash);

        Assert.True(byHash.IsValid);
        Assert.Same(bySecret.Caller, byHash.Caller); // one cache entry for both ways in
        Assert.Equal(ApiKeyStatus.Unknown, malformed.Status);
        Assert.Equal(ApiKeyStatus.Revoked, revoked.Status);
    }

    [Fact]
    public async Task ResolveAsync_PastExpiry_ReturnsExpired()
    {
        using var directory = new TestDirectory();
        var time = new ManualTimeProvider(TestStore.Noon);
        await using var store = await TestStore.OpenAsync(directory, time);
        await store.CreateTenantAsync("acme");
        var created = await store.CreateKeyAsync("acme", expiresAt: TestStore.Noon.AddHours(1));
        Assert.True((await store.KeyResolver.ResolveAsync(created.Secret)).IsValid);

        time.Advance(TimeSpan.FromHours(1));

        Assert.Equal(ApiKeyStatus.Expired, (await store.KeyResolver.ResolveAsync(created.Secret)).Status);
    }

    [Fact]
    public async Task ResolveAsync_AfterTenantBudgetChange_SeesNewBudget()
    {
        using var directory = new TestDirectory();
        await using var store = await TestStore.OpenAsync(directory);
        var tenant = await store.CreateTenantAsync("acme", dailyBudget: 5m);
        var created = await store.CreateKeyAsync("acme");
        Assert.Equal(5m, (await store.KeyResolver.ResolveAsync(created.Secret)).Caller!.Tenant.DailyBudgetUsd);

        await store.Tenants.UpdateAsync(tenant with { DailyBudgetUsd = 1m });

        Assert.Equal(1m, (await store.KeyResolver.ResolveAsync(created.Secret)).Caller!.BudgetScopes[0].DailyLimitUsd);
    }

    [Fact]
    public async Task ResolveAsync_TenantDeleted_ReturnsUnknown()
    {
        using var directory = new TestDirectory();
        await using var store = await TestStore.OpenAsync(directory);
        await store.CreateTenantAsync("acme");
        var created = await store.CreateKeyAsync("acme");
        Assert.True((await store.KeyResolver.ResolveAsync(created.Secret)).IsValid);

        await store.Tenants.DeleteAsync("acme");

        Assert.Equal(ApiKeyStatus.Unknown, (await store.KeyResolver.ResolveAsync(created.Secret)).Status);
    }

    [Fact]
    public async Task ActForTenantAsync_PlatformKey_ActsOnlyForListedTenants()
    {
        using var directory = new TestDirectory();
        await using var store = await TestStore.OpenAsync(directory);
        await store.CreateTenantAsync("platform");
        await store.CreateTenantAsync("customer-a", dailyBudget: 2m);
        await store.CreateTenantAsync("customer-b");
        var created = await store.CreateKeyAsync("platform", allowedTenants: ["customer-a", "customer-missing"]);
        var caller = (await store.KeyResolver.ResolveAsync(created.Secret)).Caller!;

        var actingA = await store.KeyResolver.ActForTenantAsync(caller, "customer-a");
        var actingB = await store.KeyResolver.ActForTenantAsync(caller, "customer-b");
        var actingMissing = await store.KeyResolver.ActForTenantAsync(caller, "customer-missing");

        Assert.NotNull(actingA);
        Assert.Equal("customer-a", actingA.Tenant.Id);
        Assert.Equal(new Junction.Storage.Budgets.BudgetScope(ScopeKind.Tenant, "customer-a", 2m, null), actingA.BudgetScopes[0]);
        Assert.Equal(created.Key.Id, actingA.BudgetScopes[1].Id);
        Assert.Null(actingB);
        Assert.Null(actingMissing);
        Assert.Same(caller, await store.KeyResolver.ActForTenantAsync(caller, "platform"));
    }
}
