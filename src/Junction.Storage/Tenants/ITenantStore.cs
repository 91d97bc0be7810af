namespace Junction.Storage.Tenants;

/// <summary>Keeps tenants. Deleting a tenant deletes its API keys and provider credentials; its logs stay.</summary>
public interface ITenantStore
{
    /// <summary>Stores a new tenant (timestamps and version are set by the store); <see cref="StoreStatus.AlreadyExists"/> when the id is taken.</summary>
    Task<StoreResult<Tenant>> CreateAsync(Tenant tenant, CancellationToken cancellationToken = default);

    Task<Tenant?> GetAsync(string tenantId, CancellationToken cancellationToken = default);

    /// <summary>All tenants, ordered by id.</summary>
    Task<IReadOnlyList<Tenant>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces a tenant's fields if its stored version still equals <paramref name="tenant"/>'s
    /// <see cref="Tenant.Version"/>; returns the tenant as stored, with the next version.
    /// </summary>
    Task<StoreResult<Tenant>> UpdateAsync(Tenant tenant, CancellationToken cancellationToken = default);

    /// <summary>Deletes a tenant; with <paramref name="expectedVersion"/>, only if the version still matches.</summary>
    Task<StoreStatus> DeleteAsync(string tenantId, long? expectedVersion = null, CancellationToken cancellationToken = default);
}
