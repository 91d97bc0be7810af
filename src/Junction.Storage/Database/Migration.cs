namespace Junction.Storage.Database;

/// <summary>One step of the schema: applied once, in order, inside its own transaction.</summary>
internal sealed record Migration(int Version, string Name, string Sql);
