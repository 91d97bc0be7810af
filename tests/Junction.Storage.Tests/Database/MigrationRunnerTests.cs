using Junction.Storage.Database;
using Junction.Storage.Tests.Infrastructure;

namespace Junction.Storage.Tests.Database;

public sealed class MigrationRunnerTests
{
    [Fact]
    public async Task OpenAsync_NewDirectory_CreatesDatabaseAtLatestVersionInWalMode()
    {
        using var directory = new TestDirectory();
        await using (var store = await TestStore.OpenAsync(directory))
        {
            Assert.Equal(Migrations.LatestVersion, store.SchemaVersion);
            Assert.True(File.Exists(store.DatabasePath));
        }

        Assert.Equal("wal", await RawSql.ScalarAsync(directory.DatabasePath, "PRAGMA journal_mode;"));
        Assert.Equal((long)Migrations.LatestVersion, await RawSql.ScalarAsync(directory.DatabasePath, "SELECT MAX(version) FROM schema_migrations;"));
    }

    [Fact]
    public async Task OpenAsync_Twice_AppliesEachMigrationOnce()
    {
        using var directory = new TestDirectory();
        await (await TestStore.OpenAsync(directory)).DisposeAsync();
        await using var again = await TestStore.OpenAsync(directory);

        Assert.Equal((long)Migrations.All.Count, await RawSql.ScalarAsync(directory.DatabasePath, "SELECT COUNT(*) FROM schema_migrations;"));
    }

    [Fact]
    public async Task OpenAsync_DatabaseFromNewerBuild_Refuses()
    {
        using var directory = new TestDirectory();
        await (await TestStore.OpenAsync(directory)).DisposeAsync();
        await RawSql.ExecuteAsync(directory.DatabasePath, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', 0);");

        var error = await Assert.ThrowsAsync<StorageSchemaException>(() => TestStore.OpenAsync(directory));

        Assert.Equal(999, error.DatabaseVersion);
        Assert.Equal(Migrations.LatestVersion, error.SupportedVersion);
    }

    [Fact]
    public async Task OpenAsync_Connections_EnforceForeignKeys()
    {
        using var directory = new TestDirectory();
        await using var store = await TestStore.OpenAsync(directory);

        var result = await store.Keys.CreateAsync(new Junction.Storage.Keys.NewApiKey { TenantId = "nobody", Name = "orphan" });

        Assert.Equal(StoreStatus.NotFound, result.Status);
    }

    [Fact]
    public void Migrations_AreNumberedFromOneWithoutGaps()
    {
        for (var i = 0; i < Migrations.All.Count; i++)
        {
            Assert.Equal(i + 1, Migrations.All[i].Version);
            Assert.False(string.IsNullOrWhiteSpace(Migrations.All[i].Sql));
        }
    }
}
