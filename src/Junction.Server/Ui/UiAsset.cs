namespace Junction.Server.Ui;

/// <summary>One file of the Control Center, read once from the assembly: its bytes, content type and entity tag.</summary>
internal sealed record UiAsset(string Path, byte[] Content, string ContentType, string ETag);
