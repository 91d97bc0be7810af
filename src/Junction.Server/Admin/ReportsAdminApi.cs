using System.Globalization;
using Junction.Storage;
using Junction.Storage.Audit;
using Junction.Storage.RequestLogs;
using Junction.Storage.Spend;
using static Junction.Server.Admin.AdminResponses;

namespace Junction.Server.Admin;

/// <summary>Read-only reports: the request log (search, one record), spend (<c>/admin/spend</c>) and the audit log with its verification.</summary>
internal static class ReportsAdminApi
{
    public static void Map(RouteGroupBuilder admin)
    {
        admin.MapGet("/tenants/{id}/logs", SearchLogsAsync);
        admin.MapGet("/tenants/{id}/logs/{requestId}", GetLogAsync);
        admin.MapGet("/spend", SpendAsync);
        admin.MapGet("/audit", AuditAsync);
        admin.MapGet("/audit/verify", VerifyAsync);
    }

    private static async Task SearchLogsAsync(HttpContext context, string id, EmbeddedStore store)
    {
        if (!await AllowAsync(context, id, AdminAction.Read))
        {
            return;
        }

        var q = context.Request.Query;
        var errors = new List<FieldError>();
        RequestOutcome? outcome = null;
        if (q["outcome"].FirstOrDefault() is { } outcomeText)
        {
            if (Enum.TryParse<RequestOutcome>(outcomeText, ignoreCase: true, out var parsed))
            {
                outcome = parsed;
            }
            else
            {
                errors.Add(new FieldError("outcome", "must be succeeded, failed, denied or cancelled"));
            }
        }

        var query = new RequestLogQuery
        {
            TenantId = id,
            KeyId = q["key"].FirstOrDefault(),
            Model = q["model"].FirstOrDefault(),
            Provider = q["provider"].FirstOrDefault(),
            Outcome = outcome,
            Tag = q["tag"].FirstOrDefault(),
            Search = q["q"].FirstOrDefault(),
            From = Time(q["from"].FirstOrDefault(), "from", errors),
            To = Time(q["to"].FirstOrDefault(), "to", errors),
            Limit = int.TryParse(q["limit"].FirstOrDefault(), CultureInfo.InvariantCulture, out var limit) ? limit : 50,
            Cursor = q["cursor"].FirstOrDefault(),
        };
        if (errors.Count > 0)
        {
            await InvalidAsync(context, errors);
            return;
        }

        var page = await store.RequestLogs.SearchAsync(query, context.RequestAborted);
        if (page.Value is not { } result)
        {
            await StoreFailureAsync(context, page.Status, page.Message);
            return;
        }

        await JsonAsync(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("data");
            foreach (var record in result.Items)
            {
                AdminViews.Log(w, record, detail: false);
            }

            w.WriteEndArray();
            w.WriteString("next_cursor", result.NextCursor);
            w.WriteEndObject();
        });
    }

    private static async Task GetLogAsync(HttpContext context, string id, string requestId, EmbeddedStore store)
    {
        if (!await AllowAsync(context, id, AdminAction.Read))
        {
            return;
        }

        if (await store.RequestLogs.GetAsync(id, requestId, context.RequestAborted) is not { } record)
        {
            await NotFoundAsync(context, $"No request '{requestId}' in tenant '{id}'.");
            return;
        }

        await JsonAsync(context, 200, w => AdminViews.Log(w, record, detail: true));
    }

    private static async Task SpendAsync(HttpContext context, EmbeddedStore store)
    {
        var q = context.Request.Query;
        var caller = Caller(context);
        var tenant = q["tenant"].FirstOrDefault() ?? (AdminAccess.IsPlatform(caller) ? null : caller.TenantId);
        if (!await AllowAsync(context, tenant, AdminAction.Read))
        {
            return;
        }

        var errors = new List<FieldError>();
        var now = DateTimeOffset.UtcNow;
        var from = Time(q["from"].FirstOrDefault(), "from", errors) ?? new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero);
        var to = Time(q["to"].FirstOrDefault(), "to", errors) ?? now.AddSeconds(1);
        var grouping = SpendGrouping.None;
        foreach (var part in (q["group_by"].FirstOrDefault() ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Enum.TryParse<SpendGrouping>(part, ignoreCase: true, out var g) && g != SpendGrouping.None)
            {
                grouping |= g;
            }
            else
            {
                errors.Add(new FieldError("group_by", $"unknown grouping '{part}'; use tenant, key, model, provider, tag, day"));
            }
        }

        if (errors.Count > 0)
        {
            await InvalidAsync(context, errors);
            return;
        }

        var rows = await store.Spend.GetAsync(new SpendQuery { TenantId = tenant, From = from, To = to, GroupBy = grouping }, context.RequestAborted);
        await JsonAsync(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteString("from", from);
            w.WriteString("to", to);
            w.WriteStartArray("data");
            foreach (var row in rows)
            {
                AdminViews.Spend(w, row);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static async Task AuditAsync(HttpContext context, EmbeddedStore store)
    {
        var q = context.Request.Query;
        var caller = Caller(context);
        var tenant = q["tenant"].FirstOrDefault() ?? (AdminAccess.IsPlatform(caller) ? null : caller.TenantId);
        if (!await AllowAsync(context, tenant, AdminAction.Read))
        {
            return;
        }

        var query = new AuditQuery
        {
            TenantId = tenant,
            Target = q["target"].FirstOrDefault(),
            BeforeId = long.TryParse(q["before"].FirstOrDefault(), CultureInfo.InvariantCulture, out var before) ? before : null,
            Limit = int.TryParse(q["limit"].FirstOrDefault(), CultureInfo.InvariantCulture, out var limit) ? Math.Clamp(limit, 1, 1000) : 100,
        };
        var entries = await store.Audit.ListAsync(query, context.RequestAborted);
        await JsonAsync(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("data");
            foreach (var entry in entries)
            {
                AdminViews.Audit(w, entry);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static async Task VerifyAsync(HttpContext context, EmbeddedStore store)
    {
        if (!await AllowAsync(context, null, AdminAction.Platform))
        {
            return;
        }

        var verification = await store.Audit.VerifyAsync(context.RequestAborted);
        await JsonAsync(context, 200, w => AdminViews.Verification(w, verification));
    }

    internal static DateTimeOffset? Time(string? text, string field, List<FieldError> errors)
    {
        if (text is null)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            return time;
        }

        errors.Add(new FieldError(field, "must be an ISO 8601 date or time"));
        return null;
    }
}
