using Junction.Storage.Tenants;
using Junction.Storage.Tests.Infrastructure;

namespace Junction.Storage.Tests.Tenants;

public sealed class SqliteTenantStoreTests
{
    private static Tenant FullTenant() => new()
    {
        Id = "acme",
        Name = "Acme Corp",
        Plan = "enterprise",
        Region = "eu",
        DataClass = "confidential",
        PolicyJson = """{"version":"junction-pol/v1","where":{"region":"eu"}}""",
        DefaultStrategy = "balanced",
        DefaultMaxCostUsd = 0.05m,
        DailyBudgetUsd = 12.5m,
        MonthlyBudgetUsd = 300m,
        RequestsPerMinute = 600,
        TokensPerMinute = 200_000,
        LoggingMode = LoggingMode.Full,
        Tags = ["prod", "tier-1"],
    };

    [Fact]
    public async Task CreateAsync_ThenGet_RoundTripsEveryField()
    {
        using var directory = new TestDirectory();
        var time = new ManualTimeProvider(TestStore.Noon);
        await using var store = await TestStore.OpenAsync(directory, time);

        var created = await store.Tenants.CreateAsync(FullTenant());
        var read = await store.Tenants.GetAsync("acme");

        Assert.True(created.IsOk);
        Assert.NotNull(read);
        Assert.Equal(FullTenant() with { CreatedAt = TestStore.Noon, UpdatedAt = TestStore.Noon, Version = 1, Tags = read.Tags }, read);
        Assert.Equal(["prod", "tier-1"], read.Tags);
    }

    [Fact]
    public async Task CreateAsync_TakenId_ReturnsAlreadyExists()
    {
        using var directory = new TestDirectory();
        await using var store = await TestStore.OpenAsync(directory);
        await store.CreateTenantAsync("acme");

        var again = await store.Tenants.CreateAsync(new Tenant { Id = "acme", Name = "Other" });

        Assert.Equal(StoreStatus.AlreadyExists, again.Status);
        Assert.Equal("ACME", (await store.Tenants.GetAsync("acme"))!.Name);
    }

    [Theory]
    [InlineData("Acme")]
    [InlineData("-acme")]
    [InlineData("ac me")]
    [InlineData("")]
    public async Task CreateAsync_IdNotASlug_ReturnsInvalid(string id)
    {
        using var directory = new TestDirectory();
        await using var store = await TestStore.OpenAsync(directory);

        var result = await store.Tenants.CreateAsync(new Tenant { Id = id, Name = "x" });

        Assert.Equal(StoreStatus.Invalid, result.Status);
        Assert.Contains("id", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_NegativeBudget_ReturnsInvalid()
    {
        using var directory = new TestDirectory();
        await using var store = await TestStore.OpenAsync(directory);

        var result = await store.Tenants.CreateAsync(new Tenant { Id = "acme", Name = "x", DailyBudgetUsd = -1 });

        Assert.Equal(StoreStatus.Invalid, result.Status);
        Assert.Contains("daily_budget", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpdateAsync_CurrentVersion_StoresAndBumpsVersion()
    {
        using var directory = new TestDirectory();
        var time = new ManualTimeProvider(TestStore.Noon);
        await using var store = await TestStore.OpenAsync(directory, time);
        var tenant = await store.CreateTenantAsync("acme");
        time.Advance(TimeSpan.FromMinutes(5));

        var updated = await store.Tenants.UpdateAsync(tenant with { Name = "Renamed", MonthlyBudgetUsd = 99.99m });

        Assert.True(updated.IsOk);
        Assert.Equal(2, updated.Value!.Version);
        var read = await store.Tenants.GetAsync("acme");
        Assert.Equal("Renamed", read!.Name);
        Assert.Equal(99.99m, read.MonthlyBudgetUsd);
        Assert.Equal(TestStore.Noon, read.CreatedAt);
        Assert.Equal(TestStore.Noon.AddMinutes(5), read.UpdatedAt);
    }

    [Fact]
    public async Task UpdateAsync_StaleVersion_ReturnsVersionConflictAndKeepsRow()
    {
        using var directory = new TestDirectory();
        await using var store = await TestStore.OpenAsync(directory);
        var tenant = await store.CreateTenantAsync("acme");
        Assert.True((await store.Tenants.UpdateAsync(tenant with { Name = "First" })).IsOk);

        var second = await store.Tenants.UpdateAsync(tenant with { Name = "Second" });

        Assert.Equal(StoreStatus.VersionConflict, second.Status);
        Assert.Equal("First", (await store.Tenants.GetAsync("acme"))!.Name);
    }

    [Fact]
    public async Task UpdateAsync_MissingTenant_ReturnsNotFound()
    {
        using var directory = new TestDirectory();
        await using var store = await TestStore.OpenAsync(directory);

        var result = await store.Tenants.UpdateAsync(new Tenant { Id = "ghost", Name = "x", Version = 1 });

        Assert.Equal(StoreStatus.NotFound, result.Status);
    }

    [Fact]
    public async Task DeleteAsync_TenantWithKeysAndCredentials_DeletesThemToo()
    {
        using var directory = new TestDirectory();
        await using var store = await TestStore.OpenAsync(directory);
        await store.CreateTenantAsync("acme");
        var key = await store.CreateKeyAsync("acme");
        await store.Credentials.SetAsync("acme", "openai", "sk-test-0123456789abcdef");

        var status = await store.Tenants.DeleteAsync("acme");

        Assert.Equal(StoreStatus.Ok, status);
        Assert.Null(await store.Tenants.GetAsync("acme"));
        Assert.Null(await store.Keys.FindByHashAsync(Junction.Storage.Keys.ApiKeySecrets.Hash(key.Secret)));
        Assert.Empty(await store.Credentials.ListAsync("acme"));
    }

    [Fact]
    public async Task DeleteAsync_WrongVersion_ReturnsVersionConflict()
    {
        using var directory = new TestDirectory();
        await using var store = await TestStore.OpenAsync(directory);
        await store.CreateTenantAsync("acme");

        Assert.Equal(StoreStatus.VersionConflict, await store.Tenants.DeleteAsync("acme", expectedVersion: 7));
        Assert.Equal(StoreStatus.NotFound, await store.Tenants.DeleteAsync("ghost"));
        Assert.NotNull(await store.Tenants.GetAsync("acme"));
    }

    [Fact]
    public async Task ListAsync_SeveralTenants_OrderedById()
    {
        using var directory = new TestDirectory();
        await using var store = await TestStore.OpenAsync(directory);
        await store.CreateTenantAsync("zeta");
        await store.CreateTenantAsync("alpha");
        await store.CreateTenantAsync("mid");

        var tenants = await store.Tenants.ListAsync();

        Assert.Equal(["alpha", "mid", "zeta"], tenants.Select(t => t.Id));
    }
}
