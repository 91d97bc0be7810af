namespace Junction.Storage.Database;

/// <summary>Thrown at start when the database was written by a newer build than this one: it is never downgraded.</summary>
public sealed class StorageSchemaException : Exception
{
    public StorageSchemaException(int databaseVersion, int supportedVersion)
        : base($"The database is at schema version {databaseVersion}, but this build understands versions up to {supportedVersion}. Run a newer Junction, or restore a backup taken before the upgrade.")
    {
        DatabaseVersion = databaseVersion;
        SupportedVersion = supportedVersion;
    }

    public StorageSchemaException()
    {
    }

    public StorageSchemaException(string message)
        : base(message)
    {
    }

    public StorageSchemaException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public int DatabaseVersion { get; }

    public int SupportedVersion { get; }
}
