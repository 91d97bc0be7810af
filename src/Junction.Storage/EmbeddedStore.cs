using Junction.Storage.Audit;
using Junction.Storage.Budgets;
using Junction.Storage.Credentials;
using Junction.Storage.Database;
using Junction.Storage.Keys;
using Junction.Storage.RateLimits;
using Junction.Storage.RequestLogs;
using Junction.Storage.Spend;
using Junction.Storage.Tenants;

namespace Junction.Storage;

/// <summary>
/// The whole store on one machine: one SQLite file under a data directory and in-process counters. Open it once
/// at start (the schema is migrated then) and dispose it on shutdown, which drains the request log and writes
/// the last settled spend.
/// </summary>
public sealed class EmbeddedStore : IAsyncDisposable
{
    private readonly SqliteDatabase _database;
    private readonly InMemoryBudgetLedger _ledger;
    private readonly BatchedRequestLogWriter _requestLog;
    private readonly RequestLogPruner _pruner;
    private readonly SqliteAuditLog _audit;
    private int _disposed;

    private EmbeddedStore(SqliteDatabase database, int schemaVersion, InMemoryBudgetLedger ledger, ISecretProtector protector, EmbeddedStoreOptions options, TimeProvider time)
    {
        _database = database;
        SchemaVersion = schemaVersion;
        _ledger = ledger;
        var changes = new ChangeGeneration();
        Tenants = new SqliteTenantStore(database, changes, time);
        Keys = new SqliteApiKeyStore(database, changes, time);
        KeyResolver = new ApiKeyResolver(Keys, Tenants, changes, time);
        var credentials = new SqliteCredentialStore(database, protector, time);
        Credentials = credentials;
        CredentialReader = credentials;
        RateLimits = new InMemoryRateLimiter(time);
        _requestLog = new BatchedRequestLogWriter(new SqliteRequestLogSink(database), options.RequestLog);
        _pruner = new RequestLogPruner(database, options.RequestLog.Retention, time);
        RequestLogs = new SqliteRequestLogReader(database);
        Spend = new SqliteSpendReports(database);
        Overview = new SqliteOverviewReports(database);
        _audit = new SqliteAuditLog(database, time);
    }

    /// <summary>The database file.</summary>
    public string DatabasePath => _database.Path;

    /// <summary>The schema version the database is at (the latest this build knows).</summary>
    public int SchemaVersion { get; }

    public ITenantStore Tenants { get; }

    public IApiKeyStore Keys { get; }

    /// <summary>Authenticates presented keys from a cache that key and tenant changes invalidate at once.</summary>
    public IApiKeyResolver KeyResolver { get; }

    /// <summary>Provider credentials for administration: write, replace, delete, list; never read back.</summary>
    public ICredentialStore Credentials { get; }

    /// <summary>The gateway's read of provider secrets.</summary>
    public ICredentialReader CredentialReader { get; }

    public IBudgetLedger Budgets => _ledger;

    public IRateLimiter RateLimits { get; }

    public IRequestLogWriter RequestLog => _requestLog;

    public IRequestLogReader RequestLogs { get; }

    public ISpendReports Spend { get; }

    /// <summary>Totals, latency percentiles, bucketed spend and top models of the request log, for dashboards.</summary>
    public IOverviewReports Overview { get; }

    public IAuditLog Audit => _audit;

    /// <summary>
    /// Deletes request records created before <paramref name="olderThan"/>, with their traces and bodies; returns how
    /// many. The store also does this hourly for <see cref="RequestLogOptions.Retention"/>.
    /// </summary>
    public Task<int> PruneRequestLogAsync(DateTimeOffset olderThan, CancellationToken cancellationToken = default) =>
        _pruner.PruneAsync(olderThan, RequestLogPruner.DefaultBatchSize, cancellationToken);

    /// <summary>
    /// Creates <paramref name="dataDirectory"/> if needed, opens or creates the database in it, applies pending
    /// migrations and loads this month's settled spend. Throws <see cref="StorageSchemaException"/> when the
    /// database was written by a newer build.
    /// </summary>
    public static async Task<EmbeddedStore> OpenAsync(
        string dataDirectory,
        ISecretProtector protector,
        EmbeddedStoreOptions? options = null,
        TimeProvider? time = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataDirectory);
        ArgumentNullException.ThrowIfNull(protector);
        options ??= new EmbeddedStoreOptions();
        time ??= TimeProvider.System;

        Directory.CreateDirectory(dataDirectory);
        var database = new SqliteDatabase(System.IO.Path.Combine(dataDirectory, options.DatabaseFileName), options.BusyTimeout);
        var version = await MigrationRunner.MigrateAsync(database, Migrations.All, cancellationToken).ConfigureAwait(false);
        var ledger = await InMemoryBudgetLedger.OpenAsync(new SqliteSpendStore(database), time, options.SpendFlushInterval, cancellationToken).ConfigureAwait(false);
        return new EmbeddedStore(database, version, ledger, protector, options, time);
    }

    /// <summary>Drains the request log, writes the last settled spend and closes the database's pooled connections.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            await _pruner.DisposeAsync().ConfigureAwait(false);
            await _requestLog.DisposeAsync().ConfigureAwait(false);
            await _ledger.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            _audit.Dispose();
            _database.ReleasePooledConnections();
        }
    }
}
