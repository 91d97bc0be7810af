using Junction.Storage;
using Junction.Storage.Keys;
using static Junction.Server.Admin.AdminResponses;

namespace Junction.Server.Admin;

/// <summary>
/// <c>/admin/tenants/{id}/keys</c> (create returns the secret once; lists show the prefix; revoke takes effect at once)
/// and <c>/admin/tenants/{id}/credentials</c> (write-only provider secrets: listed by provider, last 4 and fingerprint).
/// </summary>
internal static class KeysAdminApi
{
    public static void Map(RouteGroupBuilder admin)
    {
        admin.MapGet("/tenants/{id}/keys", ListAsync);
        admin.MapPost("/tenants/{id}/keys", CreateAsync);
        admin.MapPatch("/tenants/{id}/keys/{keyId}", UpdateAsync);
        admin.MapPost("/tenants/{id}/keys/{keyId}/revoke", RevokeAsync);
        admin.MapDelete("/tenants/{id}/keys/{keyId}", RevokeAsync);
        admin.MapGet("/tenants/{id}/credentials", ListCredentialsAsync);
        admin.MapPut("/tenants/{id}/credentials/{provider}", SetCredentialAsync);
        admin.MapDelete("/tenants/{id}/credentials/{provider}", DeleteCredentialAsync);
    }

    private static async Task ListAsync(HttpContext context, string id, EmbeddedStore store)
    {
        if (!await AllowAsync(context, id, AdminAction.Read))
        {
            return;
        }

        if (await store.Tenants.GetAsync(id, context.RequestAborted) is null)
        {
            await NotFoundAsync(context, $"No tenant '{id}'.");
            return;
        }

        var keys = await store.Keys.ListAsync(id, context.RequestAborted);
        await JsonAsync(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("data");
            foreach (var key in keys)
            {
                AdminViews.Key(w, key);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static async Task CreateAsync(HttpContext context, string id, EmbeddedStore store)
    {
        if (!await AllowAsync(context, id, AdminAction.Write))
        {
            return;
        }

        if (await AdminBody.ReadAsync(context) is not { } body)
        {
            await InvalidBodyAsync(context);
            return;
        }

        var role = ApiKeyRole.Member;
        if (body.String("role") is { } roleText && !ApiKeyRoles.TryParse(roleText, out role))
        {
            body.Errors.Add(new FieldError("role", "must be one of admin, tenant_admin, member, viewer"));
        }

        var allowed = body.Strings("allowed_tenants") ?? [];
        if ((role == ApiKeyRole.Admin || allowed.Count > 0) && !await AllowAsync(context, id, AdminAction.Platform))
        {
            return;
        }

        var key = new NewApiKey
        {
            TenantId = id,
            Name = body.String("name") ?? "key",
            Role = role,
            PolicyJson = body.Policy("policy"),
            DailyBudgetUsd = body.Decimal("daily_budget"),
            MonthlyBudgetUsd = body.Decimal("monthly_budget"),
            RequestsPerMinute = body.Int("rpm"),
            TokensPerMinute = body.Int("tpm"),
            AllowedTenants = allowed,
            ExpiresAt = body.Time("expires_at"),
        };
        if (body.Errors.Count > 0)
        {
            await InvalidAsync(context, body.Errors);
            return;
        }

        var created = await store.Keys.CreateAsync(key, context.RequestAborted);
        if (created.Value is not { } result)
        {
            await StoreFailureAsync(context, created.Status, created.Message ?? $"No tenant '{id}'.");
            return;
        }

        await AuditAsync(context, store, "key.create", result.Key.Id, id, null, AdminViews.Text(w => AdminViews.Key(w, result.Key)));
        await JsonAsync(context, 201, w => AdminViews.Key(w, result.Key, result.Secret));
    }

    private static async Task UpdateAsync(HttpContext context, string id, string keyId, EmbeddedStore store)
    {
        if (!await AllowAsync(context, id, AdminAction.Write))
        {
            return;
        }

        if (await AdminBody.ReadAsync(context) is not { } body)
        {
            await InvalidBodyAsync(context);
            return;
        }

        if (await store.Keys.GetAsync(id, keyId, context.RequestAborted) is not { } current)
        {
            await NotFoundAsync(context, $"No key '{keyId}' in tenant '{id}'.");
            return;
        }

        var changed = current;
        if (body.Has("version")) { changed = changed with { Version = body.Int("version") ?? current.Version }; }
        if (body.Has("name")) { changed = changed with { Name = body.String("name") ?? current.Name }; }
        if (body.Has("role"))
        {
            if (!ApiKeyRoles.TryParse(body.String("role"), out var role))
            {
                body.Errors.Add(new FieldError("role", "must be one of admin, tenant_admin, member, viewer"));
            }

            changed = changed with { Role = role };
        }

        if (body.Has("policy")) { changed = changed with { PolicyJson = body.Policy("policy") }; }
        if (body.Has("daily_budget")) { changed = changed with { DailyBudgetUsd = body.Decimal("daily_budget") }; }
        if (body.Has("monthly_budget")) { changed = changed with { MonthlyBudgetUsd = body.Decimal("monthly_budget") }; }
        if (body.Has("rpm")) { changed = changed with { RequestsPerMinute = body.Int("rpm") }; }
        if (body.Has("tpm")) { changed = changed with { TokensPerMinute = body.Int("tpm") }; }
        if (body.Has("allowed_tenants")) { changed = changed with { AllowedTenants = body.Strings("allowed_tenants") ?? [] }; }
        if (body.Has("expires_at")) { changed = changed with { ExpiresAt = body.Time("expires_at") }; }
        if ((changed.Role == ApiKeyRole.Admin || changed.AllowedTenants.Count > 0 || current.Role == ApiKeyRole.Admin)
            && !await AllowAsync(context, id, AdminAction.Platform))
        {
            return;
        }

        if (body.Errors.Count > 0)
        {
            await InvalidAsync(context, body.Errors);
            return;
        }

        var updated = await store.Keys.UpdateAsync(changed, context.RequestAborted);
        if (updated.Value is not { } stored)
        {
            await StoreFailureAsync(context, updated.Status, updated.Message);
            return;
        }

        await AuditAsync(context, store, "key.update", stored.Id, id, AdminViews.Text(w => AdminViews.Key(w, current)), AdminViews.Text(w => AdminViews.Key(w, stored)));
        await JsonAsync(context, 200, w => AdminViews.Key(w, stored));
    }

    private static async Task RevokeAsync(HttpContext context, string id, string keyId, EmbeddedStore store)
    {
        if (!await AllowAsync(context, id, AdminAction.Write))
        {
            return;
        }

        var current = await store.Keys.GetAsync(id, keyId, context.RequestAborted);
        if (current is null)
        {
            await NotFoundAsync(context, $"No key '{keyId}' in tenant '{id}'.");
            return;
        }

        if (current.Role == ApiKeyRole.Admin && !await AllowAsync(context, id, AdminAction.Platform))
        {
            return;
        }

        var revoked = await store.Keys.RevokeAsync(id, keyId, context.RequestAborted);
        if (revoked.Value is not { } stored)
        {
            await StoreFailureAsync(context, revoked.Status, revoked.Message);
            return;
        }

        await AuditAsync(context, store, "key.revoke", keyId, id, AdminViews.Text(w => AdminViews.Key(w, current)), AdminViews.Text(w => AdminViews.Key(w, stored)));
        await JsonAsync(context, 200, w => AdminViews.Key(w, stored));
    }

    private static async Task ListCredentialsAsync(HttpContext context, string id, EmbeddedStore store)
    {
        if (!await AllowAsync(context, id, AdminAction.Read))
        {
            return;
        }

        if (await store.Tenants.GetAsync(id, context.RequestAborted) is null)
        {
            await NotFoundAsync(context, $"No tenant '{id}'.");
            return;
        }

        var credentials = await store.Credentials.ListAsync(id, context.RequestAborted);
        await JsonAsync(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("data");
            foreach (var credential in credentials)
            {
                AdminViews.Credential(w, credential);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static async Task SetCredentialAsync(HttpContext context, string id, string provider, EmbeddedStore store)
    {
        if (!await AllowAsync(context, id, AdminAction.Write))
        {
            return;
        }

        if (await AdminBody.ReadAsync(context) is not { } body)
        {
            await InvalidBodyAsync(context);
            return;
        }

        var secret = body.String("secret");
        if (string.IsNullOrEmpty(secret))
        {
            body.Errors.Add(new FieldError("secret", "is required"));
        }

        if (body.Errors.Count > 0)
        {
            await InvalidAsync(context, body.Errors);
            return;
        }

        var set = await store.Credentials.SetAsync(id, provider, secret!, context.RequestAborted);
        if (set.Value is not { } info)
        {
            await StoreFailureAsync(context, set.Status, set.Message ?? $"No tenant '{id}'.");
            return;
        }

        await AuditAsync(context, store, "credential.set", provider, id, null, AdminViews.Text(w => AdminViews.Credential(w, info)));
        await JsonAsync(context, 200, w => AdminViews.Credential(w, info));
    }

    private static async Task DeleteCredentialAsync(HttpContext context, string id, string provider, EmbeddedStore store)
    {
        if (!await AllowAsync(context, id, AdminAction.Write))
        {
            return;
        }

        var status = await store.Credentials.DeleteAsync(id, provider, context.RequestAborted);
        if (status != StoreStatus.Ok)
        {
            await StoreFailureAsync(context, status, $"No credential for '{provider}' in tenant '{id}'.");
            return;
        }

        await AuditAsync(context, store, "credential.delete", provider, id, null, null);
        context.Response.StatusCode = 204;
    }
}
