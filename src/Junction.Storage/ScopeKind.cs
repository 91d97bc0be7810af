namespace Junction.Storage;

/// <summary>Whom a budget or a rate limit applies to: a whole tenant or one API key.</summary>
public enum ScopeKind
{
    Tenant,
    Key,
}
