namespace Junction.Storage;

/// <summary>Why a store write did not happen. Expected outcomes, not errors of the store.</summary>
public enum StoreStatus
{
    Ok,
    NotFound,
    AlreadyExists,

    /// <summary>The row changed since it was read: its version no longer matches the one given.</summary>
    VersionConflict,

    /// <summary>A field failed validation; <see cref="StoreResult{T}.Message"/> names it.</summary>
    Invalid,
}

/// <summary>The outcome of a store write: the stored value, or a status saying why there is none.</summary>
public readonly record struct StoreResult<T>(StoreStatus Status, T? Value, string? Message = null)
{
    public bool IsOk => Status == StoreStatus.Ok;

    public static StoreResult<T> Ok(T value) => new(StoreStatus.Ok, value);

    public static StoreResult<T> Fail(StoreStatus status, string message) => new(status, default, message);
}
