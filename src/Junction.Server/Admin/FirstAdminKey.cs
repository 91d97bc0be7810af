using Junction.Server.Auth;
using Junction.Storage;
using Junction.Storage.Keys;
using Junction.Storage.Tenants;

namespace Junction.Server.Admin;

/// <summary>
/// Makes sure someone can administer a new install: with no <c>Junction:Admin:KeyHash</c> and no platform tenant in
/// the store yet (a first start), creates the platform tenant and an admin key, stores only its hash, and prints the
/// key once to the console (never to the log), so the operator can copy it.
/// </summary>
internal static class FirstAdminKey
{
    public static async Task EnsureAsync(EmbeddedStore store, AdminOptions admin, TextWriter console, CancellationToken cancellationToken = default)
    {
        if (!string.IsNullOrEmpty(admin.KeyHash) || await store.Tenants.GetAsync(PlatformTenant.Id, cancellationToken) is not null)
        {
            return;
        }

        var tenant = await store.Tenants.CreateAsync(new Tenant { Id = PlatformTenant.Id, Name = "Platform" }, cancellationToken);
        if (tenant.Status == StoreStatus.AlreadyExists)
        {
            return; // another process starting on the same data directory won the race and printed its key
        }

        var created = await store.Keys.CreateAsync(new NewApiKey { TenantId = PlatformTenant.Id, Name = "first admin key", Role = ApiKeyRole.Admin }, cancellationToken);
        if (created.Value is not { } key)
        {
            throw new InvalidOperationException($"Could not create the first admin key: {created.Status} {created.Message}");
        }

        await store.Audit.AppendAsync(
            new Storage.Audit.NewAuditEntry("system", "key.create", key.Key.Id, PlatformTenant.Id, null,
                $$"""{"id":"{{key.Key.Id}}","role":"admin","prefix":"{{key.Key.Prefix}}"}"""),
            cancellationToken);

        await console.WriteLineAsync($"""

            ==================================================================================
             Junction first start: the platform admin key is shown once. Store it now.
               {key.Secret}
             Use it as 'Authorization: Bearer ...' for /admin, or JUNCTION_ADMIN_KEY for the CLI.
            ==================================================================================

            """);
        await console.FlushAsync(cancellationToken);
    }
}
