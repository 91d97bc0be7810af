namespace Junction.Storage;

/// <summary>Anchors the storage assembly until the embedded store lands.</summary>
internal static class StorageMarker;
