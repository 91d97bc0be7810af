using Junction.Server.Auth;
using Junction.Storage;
using Junction.Storage.Tenants;
using static Junction.Server.Admin.AdminResponses;

namespace Junction.Server.Admin;

/// <summary>
/// <c>/admin/tenants</c>: create, list, show, update (policy, defaults, budgets, limits, logging), delete. Tenants
/// declared in configuration (and local mode's <c>local</c>) are listed and shown read-only, so their traffic can be
/// found; only stored tenants change here.
/// </summary>
internal static class TenantsAdminApi
{
    /// <summary>Fields only a platform admin may set: what the platform sells and bills, not what the tenant chooses.</summary>
    private static readonly string[] PlatformFields = ["plan", "region", "data_class", "daily_budget", "monthly_budget", "rpm", "tpm"];

    public static void Map(RouteGroupBuilder admin)
    {
        admin.MapGet("/tenants", ListAsync);
        admin.MapPost("/tenants", CreateAsync);
        admin.MapGet("/tenants/{id}", GetAsync);
        admin.MapPatch("/tenants/{id}", UpdateAsync);
        admin.MapDelete("/tenants/{id}", DeleteAsync);
    }

    private const string Stored = "store";

    private const string Configured = "configuration";

    private static async Task ListAsync(HttpContext context, EmbeddedStore store, ApiKeyDirectory directory)
    {
        if (!await AllowAsync(context, null, AdminAction.Read))
        {
            return;
        }

        var caller = Caller(context);
        var tenants = await store.Tenants.ListAsync(context.RequestAborted);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        await JsonAsync(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("data");
            foreach (var tenant in tenants)
            {
                ids.Add(tenant.Id);
                if (AdminAccess.IsPlatform(caller) || tenant.Id == caller.TenantId)
                {
                    AdminViews.Tenant(w, tenant, Stored);
                }
            }

            foreach (var tenant in directory.ConfiguredTenants)
            {
                if (AdminAccess.IsPlatform(caller) && !ids.Contains(tenant.Id))
                {
                    AdminViews.Tenant(w, tenant, Configured);
                }
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static async Task GetAsync(HttpContext context, string id, EmbeddedStore store, ApiKeyDirectory directory)
    {
        if (!await AllowAsync(context, id, AdminAction.Read))
        {
            return;
        }

        if (await store.Tenants.GetAsync(id, context.RequestAborted) is { } tenant)
        {
            await JsonAsync(context, 200, w => AdminViews.Tenant(w, tenant, Stored));
        }
        else if (directory.FindConfiguredTenant(id) is { } configured)
        {
            await JsonAsync(context, 200, w => AdminViews.Tenant(w, configured, Configured));
        }
        else
        {
            await NotFoundAsync(context, $"No tenant '{id}'.");
        }
    }

    /// <summary>True (and the 409 written) when <paramref name="id"/> names a tenant that lives in configuration, not in the store.</summary>
    private static async Task<bool> RefuseConfiguredAsync(HttpContext context, string id, EmbeddedStore store, ApiKeyDirectory directory)
    {
        if (directory.FindConfiguredTenant(id) is null || await store.Tenants.GetAsync(id, context.RequestAborted) is not null)
        {
            return false;
        }

        await AdminProblems.WriteAsync(context, 409, "configured_tenant",
            $"Tenant '{id}' is declared in the gateway's configuration and is read-only here; change it in configuration.");
        return true;
    }

    private static async Task CreateAsync(HttpContext context, EmbeddedStore store, LocalModeState localMode)
    {
        if (!await AllowAsync(context, null, AdminAction.Platform))
        {
            return;
        }

        if (await AdminBody.ReadAsync(context) is not { } body)
        {
            await InvalidBodyAsync(context);
            return;
        }

        var id = body.String("id");
        if (string.IsNullOrEmpty(id))
        {
            body.Errors.Add(new FieldError("id", "is required"));
        }

        var tenant = Apply(body, new Tenant { Id = id ?? "", Name = body.String("name") ?? id ?? "" });
        if (body.Errors.Count > 0)
        {
            await InvalidAsync(context, body.Errors);
            return;
        }

        var created = await store.Tenants.CreateAsync(tenant, context.RequestAborted);
        if (created.Value is not { } stored)
        {
            await StoreFailureAsync(context, created.Status, created.Message);
            return;
        }

        localMode.TurnOff();
        await AuditAsync(context, store, "tenant.create", stored.Id, stored.Id, null, AdminViews.Text(w => AdminViews.Tenant(w, stored)));
        await JsonAsync(context, 201, w => AdminViews.Tenant(w, stored, Stored));
    }

    private static async Task UpdateAsync(HttpContext context, string id, EmbeddedStore store, ApiKeyDirectory directory)
    {
        if (!await AllowAsync(context, id, AdminAction.Write) || await RefuseConfiguredAsync(context, id, store, directory))
        {
            return;
        }

        if (await AdminBody.ReadAsync(context) is not { } body)
        {
            await InvalidBodyAsync(context);
            return;
        }

        foreach (var field in PlatformFields)
        {
            if (body.Has(field) && !await AllowAsync(context, id, AdminAction.Platform))
            {
                return;
            }
        }

        if (await store.Tenants.GetAsync(id, context.RequestAborted) is not { } current)
        {
            await NotFoundAsync(context, $"No tenant '{id}'.");
            return;
        }

        var expected = body.Has("version") ? body.Int("version") : null;
        var changed = Apply(body, current with { Version = expected ?? current.Version });
        if (body.Errors.Count > 0)
        {
            await InvalidAsync(context, body.Errors);
            return;
        }

        var updated = await store.Tenants.UpdateAsync(changed, context.RequestAborted);
        if (updated.Value is not { } stored)
        {
            await StoreFailureAsync(context, updated.Status, updated.Message);
            return;
        }

        await AuditAsync(context, store, "tenant.update", stored.Id, stored.Id,
            AdminViews.Text(w => AdminViews.Tenant(w, current)), AdminViews.Text(w => AdminViews.Tenant(w, stored)));
        await JsonAsync(context, 200, w => AdminViews.Tenant(w, stored, Stored));
    }

    private static async Task DeleteAsync(HttpContext context, string id, EmbeddedStore store, ApiKeyDirectory directory)
    {
        if (!await AllowAsync(context, id, AdminAction.Platform) || await RefuseConfiguredAsync(context, id, store, directory))
        {
            return;
        }

        var current = await store.Tenants.GetAsync(id, context.RequestAborted);
        var status = await store.Tenants.DeleteAsync(id, null, context.RequestAborted);
        if (status != StoreStatus.Ok || current is null)
        {
            await StoreFailureAsync(context, status == StoreStatus.Ok ? StoreStatus.NotFound : status, $"No tenant '{id}'.");
            return;
        }

        await AuditAsync(context, store, "tenant.delete", id, id, AdminViews.Text(w => AdminViews.Tenant(w, current)), null);
        context.Response.StatusCode = 204;
    }

    /// <summary>The fields present in <paramref name="body"/> applied over <paramref name="tenant"/>; an explicit null clears.</summary>
    private static Tenant Apply(AdminBody body, Tenant tenant)
    {
        if (body.Has("name")) { tenant = tenant with { Name = body.String("name") ?? tenant.Name }; }
        if (body.Has("plan")) { tenant = tenant with { Plan = body.String("plan") }; }
        if (body.Has("region")) { tenant = tenant with { Region = body.String("region") }; }
        if (body.Has("data_class")) { tenant = tenant with { DataClass = body.String("data_class") }; }
        if (body.Has("policy")) { tenant = tenant with { PolicyJson = body.Policy("policy") }; }
        if (body.Has("default_strategy"))
        {
            var strategy = body.String("default_strategy");
            if (strategy is not null && !Core.Policy.Strategies.TryGet(strategy, out _))
            {
                body.Errors.Add(new FieldError("default_strategy", $"unknown strategy '{strategy}'"));
            }

            tenant = tenant with { DefaultStrategy = strategy };
        }

        if (body.Has("default_max_cost")) { tenant = tenant with { DefaultMaxCostUsd = body.Decimal("default_max_cost") }; }
        if (body.Has("daily_budget")) { tenant = tenant with { DailyBudgetUsd = body.Decimal("daily_budget") }; }
        if (body.Has("monthly_budget")) { tenant = tenant with { MonthlyBudgetUsd = body.Decimal("monthly_budget") }; }
        if (body.Has("rpm")) { tenant = tenant with { RequestsPerMinute = body.Int("rpm") }; }
        if (body.Has("tpm")) { tenant = tenant with { TokensPerMinute = body.Int("tpm") }; }
        if (body.Has("logging_mode"))
        {
            var mode = body.String("logging_mode");
            if (mode is not ("full" or "metadata"))
            {
                body.Errors.Add(new FieldError("logging_mode", "must be 'full' or 'metadata'"));
            }

            tenant = tenant with { LoggingMode = mode == "full" ? LoggingMode.Full : LoggingMode.Metadata };
        }

        if (body.Has("tags")) { tenant = tenant with { Tags = body.Strings("tags") ?? [] }; }
        return tenant;
    }
}
