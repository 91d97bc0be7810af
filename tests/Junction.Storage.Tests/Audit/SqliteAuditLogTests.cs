using Junction.Storage.Audit;
using Junction.Storage.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Junction.Storage.Tests.Audit;

public sealed class SqliteAuditLogTests
{
    private static async Task<EmbeddedStore> WithEntriesAsync(TestDirectory directory, int count)
    {
        var store = await TestStore.OpenAsync(directory);
        for (var i = 1; i <= count; i++)
        {
            await store.Audit.AppendAsync(new NewAuditEntry("key_admin", "tenant.update", $"tenant:t{i}", $"t{i}", """{"name":"old"}""", """{"name":"new"}"""));
        }

        return store;
    }

    private static Task DisableTriggersAsync(TestDirectory directory) =>
        RawSql.ExecuteAsync(directory.DatabasePath, "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;");

    [Fact]
    public async Task AppendAsync_Entries_ChainIsIntactWithContiguousIds()
    {
        using var directory = new TestDirectory();
        await using var store = await WithEntriesAsync(directory, 5);

        var verification = await store.Audit.VerifyAsync();
        var entries = await store.Audit.ListAsync(new AuditQuery());

        Assert.True(verification.IsIntact, verification.Detail);
        Assert.Equal(5, verification.RowsChecked);
        Assert.Equal([5L, 4, 3, 2, 1], entries.Select(e => e.Id));
        Assert.Equal(entries[0].Hash, verification.HeadHash);
    }

    [Fact]
    public async Task VerifyAsync_EmptyLog_IsIntact()
    {
        using var directory = new TestDirectory();
        await using var store = await TestStore.OpenAsync(directory);

        var verification = await store.Audit.VerifyAsync();

        Assert.True(verification.IsIntact);
        Assert.Equal(0, verification.RowsChecked);
    }

    [Fact]
    public async Task AppendAsync_Concurrent_KeepsOneChain()
    {
        using var directory = new TestDirectory();
        await using var store = await TestStore.OpenAsync(directory);

        await Parallel.ForAsync(0, 40, async (i, ct) => await store.Audit.AppendAsync(new NewAuditEntry("key_admin", "key.create", $"key:{i}"), ct));

        var verification = await store.Audit.VerifyAsync();
        Assert.True(verification.IsIntact, verification.Detail);
        Assert.Equal(40, verification.RowsChecked);
    }

    [Fact]
    public async Task RawUpdate_WithTriggersInPlace_IsRefused()
    {
        using var directory = new TestDirectory();
        await using var store = await WithEntriesAsync(directory, 2);

        var error = await Assert.ThrowsAsync<SqliteException>(() => RawSql.ExecuteAsync(directory.DatabasePath, "UPDATE audit_log SET action = 'x' WHERE id = 1;"));
        await Assert.ThrowsAsync<SqliteException>(() => RawSql.ExecuteAsync(directory.DatabasePath, "DELETE FROM audit_log WHERE id = 1;"));

        Assert.Contains("append-only", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAsync_RowEdited_ReportsHashMismatchAtThatRow()
    {
        using var directory = new TestDirectory();
        await using var store = await WithEntriesAsync(directory, 5);
        await DisableTriggersAsync(directory);

        await RawSql.ExecuteAsync(directory.DatabasePath, """UPDATE audit_log SET after_json = '{"name":"forged"}' WHERE id = 3;""");
        var verification = await store.Audit.VerifyAsync();

        Assert.False(verification.IsIntact);
        Assert.Equal(AuditProblem.HashMismatch, verification.Problem);
        Assert.Equal(3, verification.FirstBadId);
        Assert.Equal(2, verification.RowsChecked);
    }

    [Fact]
    public async Task VerifyAsync_RowEditedAndRehashed_ReportsBrokenLinkAtTheNextRow()
    {
        using var directory = new TestDirectory();
        await using var store = await WithEntriesAsync(directory, 5);
        await DisableTriggersAsync(directory);
        var row2 = (await store.Audit.ListAsync(new AuditQuery { BeforeId = 3, Limit = 1 }))[0];
        var row1Hash = Convert.FromHexString((await store.Audit.ListAsync(new AuditQuery { BeforeId = 2, Limit = 1 }))[0].Hash);

        // A forger who knows the scheme recomputes the edited row's hash; the next row still points at the old one.
        var forged = AuditHasher.Hash(row1Hash, 2, row2.At.ToUnixTimeMilliseconds(), row2.TenantId, row2.ActorKeyId, "tenant.delete", row2.Target, row2.BeforeJson, row2.AfterJson);
        await RawSql.ExecuteAsync(directory.DatabasePath, $"UPDATE audit_log SET action = 'tenant.delete', hash = X'{Convert.ToHexString(forged)}' WHERE id = 2;");
        var verification = await store.Audit.VerifyAsync();

        Assert.Equal(AuditProblem.BrokenLink, verification.Problem);
        Assert.Equal(3, verification.FirstBadId);
        Assert.Equal(2, verification.RowsChecked);
    }

    [Fact]
    public async Task VerifyAsync_RowDeleted_ReportsTheMissingId()
    {
        using var directory = new TestDirectory();
        await using var store = await WithEntriesAsync(directory, 5);
        await DisableTriggersAsync(directory);

        await RawSql.ExecuteAsync(directory.DatabasePath, "DELETE FROM audit_log WHERE id = 3;");
        var verification = await store.Audit.VerifyAsync();

        Assert.Equal(AuditProblem.MissingRow, verification.Problem);
        Assert.Equal(3, verification.FirstBadId);
    }

    [Fact]
    public async Task VerifyAsync_RowsDeletedAndRenumbered_ReportsBrokenLink()
    {
        using var directory = new TestDirectory();
        await using var store = await WithEntriesAsync(directory, 5);
        await DisableTriggersAsync(directory);

        await RawSql.ExecuteAsync(directory.DatabasePath, "DELETE FROM audit_log WHERE id = 3; UPDATE audit_log SET id = id - 1 WHERE id > 3;");
        var verification = await store.Audit.VerifyAsync();

        Assert.False(verification.IsIntact);
        Assert.Equal(3, verification.FirstBadId);
    }

    [Fact]
    public async Task VerifyAsync_LastRowDeleted_ReportsHeadMismatch()
    {
        using var directory = new TestDirectory();
        await using var store = await WithEntriesAsync(directory, 5);
        await DisableTriggersAsync(directory);

        await RawSql.ExecuteAsync(directory.DatabasePath, "DELETE FROM audit_log WHERE id = 5;");
        var verification = await store.Audit.VerifyAsync();

        Assert.Equal(AuditProblem.HeadMismatch, verification.Problem);
        Assert.Equal(5, verification.FirstBadId);
    }

    [Fact]
    public async Task VerifyAsync_RowInsertedInTheMiddle_IsDetected()
    {
        using var directory = new TestDirectory();
        await using var store = await WithEntriesAsync(directory, 3);
        await DisableTriggersAsync(directory);

        // Make room after row 1 and forge a row 2 that copies row 2's previous hash.
        await RawSql.ExecuteAsync(directory.DatabasePath, """
            UPDATE audit_log SET id = id + 100 WHERE id > 1;
            UPDATE audit_log SET id = id - 99 WHERE id > 100;
            INSERT INTO audit_log (id, at, tenant_id, actor_key_id, action, target, before_json, after_json, prev_hash, hash)
                SELECT 2, at, tenant_id, 'key_evil', 'key.create', 'key:backdoor', NULL, NULL, prev_hash, randomblob(32) FROM audit_log WHERE id = 3;
            """);
        var verification = await store.Audit.VerifyAsync();

        Assert.False(verification.IsIntact);
        Assert.Equal(2, verification.FirstBadId);
    }

    [Fact]
    public async Task ListAsync_ByTenant_ReturnsOnlyThatTenantsEntries()
    {
        using var directory = new TestDirectory();
        await using var store = await WithEntriesAsync(directory, 4);

        var entries = await store.Audit.ListAsync(new AuditQuery { TenantId = "t2" });

        var entry = Assert.Single(entries);
        Assert.Equal("tenant:t2", entry.Target);
        Assert.Equal("""{"name":"new"}""", entry.AfterJson);
    }
}
