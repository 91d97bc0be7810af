using System.Text;
using Junction.Storage.Tests.Infrastructure;

namespace Junction.Storage.Tests.Credentials;

public sealed class SqliteCredentialStoreTests
{
    private const string Secret = "sk-proj-SECRETVALUE0123456789wxyz";

    [Fact]
    public async Task SetAsync_ThenList_ShowsLast4AndFingerprintOnly()
    {
        using var directory = new TestDirectory();
        await using var store = await TestStore.OpenAsync(directory);
        await store.CreateTenantAsync("acme");

        var set = await store.Credentials.SetAsync("acme", "openai", Secret);
        var list = await store.Credentials.ListAsync("acme");

        Assert.True(set.IsOk);
        var info = Assert.Single(list);
        Assert.Equal("openai", info.ProviderId);
        Assert.Equal("wxyz", info.Last4);
        Assert.StartsWith("sha256:", info.Fingerprint, StringComparison.Ordinal);
        Assert.Equal(23, info.Fingerprint.Length);
        Assert.DoesNotContain("SECRETVALUE", info.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetAsync_Secret_NeverReachesTheFileInClear()
    {
        using var directory = new TestDirectory();
        await using (var store = await TestStore.OpenAsync(directory))
        {
            await store.CreateTenantAsync("acme");
            await store.Credentials.SetAsync("acme", "openai", Secret);
        }

        await RawSql.ExecuteAsync(directory.DatabasePath, "PRAGMA wal_checkpoint(TRUNCATE);");
        foreach (var file in Directory.GetFiles(directory.Path))
        {
            var bytes = await File.ReadAllBytesAsync(file);
            Assert.DoesNotContain("SECRETVALUE", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ReadSecretAsync_StoredSecret_DecryptsIt()
    {
        using var directory = new TestDirectory();
        await using var store = await TestStore.OpenAsync(directory);
        await store.CreateTenantAsync("acme");
        await store.Credentials.SetAsync("acme", "openai", Secret);

        Assert.Equal(Secret, await store.CredentialReader.ReadSecretAsync("acme", "openai"));
        Assert.Null(await store.CredentialReader.ReadSecretAsync("acme", "anthropic"));
        Assert.Null(await store.CredentialReader.ReadSecretAsync("other", "openai"));
    }

    [Fact]
    public async Task SetAsync_Replace_KeepsCreatedAtAndChangesFingerprint()
    {
        using var directory = new TestDirectory();
        var time = new ManualTimeProvider(TestStore.Noon);
        await using var store = await TestStore.OpenAsync(directory, time);
        await store.CreateTenantAsync("acme");
        var first = (await store.Credentials.SetAsync("acme", "openai", Secret)).Value!;
        time.Advance(TimeSpan.FromHours(1));

        var second = (await store.Credentials.SetAsync("acme", "openai", "sk-proj-ANOTHERSECRET987654321abcd")).Value!;

        Assert.Equal(first.CreatedAt, second.CreatedAt);
        Assert.Equal(TestStore.Noon.AddHours(1), second.UpdatedAt);
        Assert.NotEqual(first.Fingerprint, second.Fingerprint);
        Assert.Equal("abcd", second.Last4);
        Assert.Equal("sk-proj-ANOTHERSECRET987654321abcd", await store.CredentialReader.ReadSecretAsync("acme", "openai"));
    }

    [Fact]
    public async Task SetAsync_ShortSecret_HidesLast4()
    {
        using var directory = new TestDirectory();
        await using var store = await TestStore.OpenAsync(directory);
        await store.CreateTenantAsync("acme");

        var info = (await store.Credentials.SetAsync("acme", "groq", "short-key")).Value!;

        Assert.Equal("****", info.Last4);
    }

    [Fact]
    public async Task SetAsync_UnknownTenant_ReturnsNotFound()
    {
        using var directory = new TestDirectory();
        await using var store = await TestStore.OpenAsync(directory);

        Assert.Equal(StoreStatus.NotFound, (await store.Credentials.SetAsync("ghost", "openai", Secret)).Status);
    }

    [Fact]
    public async Task DeleteAsync_Stored_RemovesIt()
    {
        using var directory = new TestDirectory();
        await using var store = await TestStore.OpenAsync(directory);
        await store.CreateTenantAsync("acme");
        await store.Credentials.SetAsync("acme", "openai", Secret);

        Assert.Equal(StoreStatus.Ok, await store.Credentials.DeleteAsync("acme", "openai"));
        Assert.Equal(StoreStatus.NotFound, await store.Credentials.DeleteAsync("acme", "openai"));
        Assert.Null(await store.CredentialReader.ReadSecretAsync("acme", "openai"));
    }
}
