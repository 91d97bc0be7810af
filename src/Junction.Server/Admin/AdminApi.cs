using Junction.Server.Auth;

namespace Junction.Server.Admin;

/// <summary>
/// The admin API under <c>/admin</c> (docs/admin-api.md): tenants, keys, credentials, request logs, spend, audit, the
/// overview dashboard and the catalog.
/// Every route needs a key; errors are problem details; every change appends an audit entry.
/// </summary>
internal static class AdminApi
{
    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/admin").WithMetadata(new RequiresApiKeyAttribute { Admin = true, AcceptsSession = true });
        TenantsAdminApi.Map(admin);
        KeysAdminApi.Map(admin);
        ReportsAdminApi.Map(admin);
        OverviewAdminApi.Map(admin);
        CatalogAdminApi.Map(admin);
        return app;
    }
}
