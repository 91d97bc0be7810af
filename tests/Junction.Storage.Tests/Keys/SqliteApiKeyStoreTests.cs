using System.Text;
using Junction.Storage.Keys;
using Junction.Storage.Tests.Infrastructure;

namespace Junction.Storage.Tests.Keys;

public sealed class SqliteApiKeyStoreTests
{
    [Fact]
    public async Task CreateAsync_NewKey_ReturnsBase62SecretWithVisiblePrefix()
    {
        using var directory = new TestDirectory();
        await using var store = await TestStore.OpenAsync(directory);
        await store.CreateTenantAsync("acme");

        var created = await store.CreateKeyAsync("acme");

        Assert.StartsWith("jk_", created.Secret, StringComparison.Ordinal);
        Assert.Equal(3 + 40, created.Secret.Length);
        Assert.All(created.Secret[3..], c => Assert.True(char.IsAsciiLetterOrDigit(c)));
        Assert.Equal(created.Secret[..11], created.Key.Prefix);
        Assert.StartsWith("key_", created.Key.Id, StringComparison.Ordinal);
        Assert.DoesNotContain(created.Secret, created.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_ManyKeys_SecretsAreDistinct()
    {
        using var directory = new TestDirectory();
        await using var store = await TestStore.OpenAsync(directory);
        await store.CreateTenantAsync("acme");

        var secrets = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 20; i++)
        {
            Assert.True(secrets.Add((await store.CreateKeyAsync("acme")).Secret));
        }
    }

    [Fact]
    public async Task CreateAsync_Secret_IsStoredOnlyAsHash()
    {
        using var directory = new TestDirectory();
        string secret;
        await using (var store = await TestStore.OpenAsync(directory))
        {
            await store.CreateTenantAsync("acme");
            secret = (await store.CreateKeyAsync("acme")).Secret;
        }

        await RawSql.ExecuteAsync(directory.DatabasePath, "PRAGMA wal_checkpoint(TRUNCATE);");
        var stored = (string)(await RawSql.ScalarAsync(directory.DatabasePath, "SELECT key_hash FROM api_keys;"))!;
        Assert.Equal(ApiKeySecrets.Hash(secret), stored);
        Assert.Matches("^sha256:[0-9a-f]{64}$", stored);
        foreach (var file in Directory.GetFiles(directory.Path))
        {
            Assert.DoesNotContain(secret[11..], Encoding.UTF8.GetString(await File.ReadAllBytesAsync(file)), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task FindByHashAsync_CreatedKey_FindsItWithAllFields()
    {
        using var directory = new TestDirectory();
        await using var store = await TestStore.OpenAsync(directory);
        await store.CreateTenantAsync("acme");
        var created = (await store.Keys.CreateAsync(new NewApiKey
        {
            TenantId = "acme",
            Name = "platform",
            Role = ApiKeyRole.TenantAdmin,
            PolicyJson = """{"version":"junction-pol/v1"}""",
            DailyBudgetUsd = 1.25m,
            MonthlyBudgetUsd = 20m,
            RequestsPerMinute = 60,
            TokensPerMinute = 10_000,
            AllowedTenants = ["customer-a", "customer-b"],
            ExpiresAt = TestStore.Noon,
        })).Value!;

        var found = await store.Keys.FindByHashAsync(ApiKeySecrets.Hash(created.Secret));

        Assert.NotNull(found);
        Assert.Equal(created.Key with { AllowedTenants = found.AllowedTenants }, found);
        Assert.Equal(["customer-a", "customer-b"], found.AllowedTenants);
        Assert.True(found.MayActFor("customer-b"));
        Assert.False(found.MayActFor("customer-c"));
    }

    [Fact]
    public async Task GetAsync_OtherTenant_ReturnsNull()
    {
        using var directory = new TestDirectory();
        await using var store = await TestStore.OpenAsync(directory);
        await store.CreateTenantAsync("acme");
        await store.CreateTenantAsync("globex");
        var key = (await store.CreateKeyAsync("acme")).Key;

        Assert.NotNull(await store.Keys.GetAsync("acme", key.Id));
        Assert.Null(await store.Keys.GetAsync("globex", key.Id));
        Assert.Empty(await store.Keys.ListAsync("globex"));
        Assert.Single(await store.Keys.ListAsync("acme"));
    }

    [Fact]
    public async Task UpdateAsync_CurrentVersion_ChangesFieldsButNotPrefixOrTenant()
    {
        using var directory = new TestDirectory();
        await using var store = await TestStore.OpenAsync(directory);
        await store.CreateTenantAsync("acme");
        var key = (await store.CreateKeyAsync("acme")).Key;

        var updated = await store.Keys.UpdateAsync(key with { Name = "renamed", Role = ApiKeyRole.Viewer, DailyBudgetUsd = 3m, Prefix = "jk_hacked" });

        Assert.True(updated.IsOk);
        var read = await store.Keys.GetAsync("acme", key.Id);
        Assert.Equal("renamed", read!.Name);
        Assert.Equal(ApiKeyRole.Viewer, read.Role);
        Assert.Equal(3m, read.DailyBudgetUsd);
        Assert.Equal(key.Prefix, read.Prefix);
        Assert.Equal(2, read.Version);
        Assert.Equal(StoreStatus.VersionConflict, (await store.Keys.UpdateAsync(key with { Name = "stale" })).Status);
    }

    [Fact]
    public async Task RevokeAsync_Twice_KeepsFirstRevocationTime()
    {
        using var directory = new TestDirectory();
        var time = new ManualTimeProvider(TestStore.Noon);
        await using var store = await TestStore.OpenAsync(directory, time);
        await store.CreateTenantAsync("acme");
        var key = (await store.CreateKeyAsync("acme")).Key;

        var first = await store.Keys.RevokeAsync("acme", key.Id);
        time.Advance(TimeSpan.FromHours(1));
        var second = await store.Keys.RevokeAsync("acme", key.Id);

        Assert.Equal(TestStore.Noon, first.Value!.RevokedAt);
        Assert.Equal(TestStore.Noon, second.Value!.RevokedAt);
        Assert.Equal(StoreStatus.NotFound, (await store.Keys.RevokeAsync("other", key.Id)).Status);
    }

    [Fact]
    public async Task CreateAsync_BadAllowedTenant_ReturnsInvalid()
    {
        using var directory = new TestDirectory();
        await using var store = await TestStore.OpenAsync(directory);
        await store.CreateTenantAsync("acme");

        var result = await store.Keys.CreateAsync(new NewApiKey { TenantId = "acme", Name = "k", AllowedTenants = ["Not A Slug"] });

        Assert.Equal(StoreStatus.Invalid, result.Status);
    }

    [Fact]
    public void Hash_MatchesTheServerConfigurationForm()
    {
        // sha256 of "jk_local_dev", as `junction hash-key` prints it.
        var expected = "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("jk_local_dev"u8));

        Assert.Equal(expected, ApiKeySecrets.Hash("jk_local_dev"));
    }
}
