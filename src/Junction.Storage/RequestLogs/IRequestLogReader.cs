namespace Junction.Storage.RequestLogs;

/// <summary>Reads the request log. The tenant is part of every query: a tenant never sees another tenant's records.</summary>
public interface IRequestLogReader
{
    /// <summary>The record with its trace and any kept bodies, if it exists and belongs to <paramref name="tenantId"/>.</summary>
    Task<RequestLogRecord?> GetAsync(string tenantId, string requestId, CancellationToken cancellationToken = default);

    /// <summary>Records matching the query, newest first, without traces or bodies; <see cref="StoreStatus.Invalid"/> for a bad limit or cursor.</summary>
    Task<StoreResult<RequestLogPage>> SearchAsync(RequestLogQuery query, CancellationToken cancellationToken = default);
}
