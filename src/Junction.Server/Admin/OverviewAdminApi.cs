using System.Globalization;
using System.Text.Json;
using Junction.Server.Auth;
using Junction.Storage;
using Junction.Storage.Spend;
using Junction.Storage.Tenants;
using static Junction.Server.Admin.AdminResponses;

namespace Junction.Server.Admin;

/// <summary>
/// <c>GET /admin/overview</c>: the Control Center's dashboard. Totals, latency percentiles, spend and requests per
/// UTC hour or day split by tenant, model or provider (every bucket present, zeros filled), the top models and
/// providers, and each visible tenant's budget burn. A tenant admin or viewer sees its own tenant only.
/// </summary>
internal static class OverviewAdminApi
{
    /// <summary>Burn (spend over budget) from which a budget is flagged.</summary>
    public const decimal BurnWarning = 0.8m;

    public static void Map(RouteGroupBuilder admin) => admin.MapGet("/overview", GetAsync);

    private static async Task GetAsync(HttpContext context, EmbeddedStore store, TimeProvider time)
    {
        var q = context.Request.Query;
        var caller = Caller(context);
        var tenant = q["tenant"].FirstOrDefault() ?? (AdminAccess.IsPlatform(caller) ? null : caller.TenantId);
        if (!await AllowAsync(context, tenant, AdminAction.Read))
        {
            return;
        }

        var errors = new List<FieldError>();
        var bucket = (q["bucket"].FirstOrDefault() ?? "day") switch
        {
            "day" => OverviewBucket.Day,
            "hour" => OverviewBucket.Hour,
            _ => Invalid(errors, "bucket", "must be hour or day", OverviewBucket.Day),
        };
        var by = (q["by"].FirstOrDefault() ?? "tenant") switch
        {
            "tenant" => OverviewDimension.Tenant,
            "model" => OverviewDimension.Model,
            "provider" => OverviewDimension.Provider,
            _ => Invalid(errors, "by", "must be tenant, model or provider", OverviewDimension.Tenant),
        };

        // Default: the last 7 UTC days, today included, to the end of the current bucket.
        var now = time.GetUtcNow();
        var from = UsageOverview.BucketStart(ReportsAdminApi.Time(q["from"].FirstOrDefault(), "from", errors) ?? UsageOverview.BucketStart(now, OverviewBucket.Day).AddDays(-6), bucket);
        var to = ReportsAdminApi.Time(q["to"].FirstOrDefault(), "to", errors) ?? UsageOverview.BucketStart(now, bucket).Add(UsageOverview.BucketWidth(bucket));
        if (errors.Count > 0)
        {
            await InvalidAsync(context, errors);
            return;
        }

        var query = new OverviewQuery { TenantId = tenant, From = from, To = to, Bucket = bucket, By = by };
        var result = await store.Overview.GetAsync(query, context.RequestAborted);
        if (result.Value is not { } overview)
        {
            await StoreFailureAsync(context, result.Status, result.Message);
            return;
        }

        var budgets = await BudgetsAsync(store, tenant, context.RequestAborted);
        await JsonAsync(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteString("from", Iso(from));
            w.WriteString("to", Iso(to));
            w.WriteString("bucket", bucket == OverviewBucket.Hour ? "hour" : "day");
            w.WriteString("by", by.ToString().ToLowerInvariant());
            w.WriteString("tenant", tenant);
            Totals(w, overview.Totals);
            w.WriteStartArray("series");
            foreach (var series in overview.Series)
            {
                w.WriteStartObject();
                w.WriteString("name", series.Name);
                w.WriteStartArray("points");
                foreach (var point in series.Points)
                {
                    w.WriteStartObject();
                    w.WriteString("t", Iso(point.Start));
                    w.WriteNumber("spend_usd", point.SpendUsd);
                    w.WriteNumber("requests", point.Requests);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("top_models");
            foreach (var model in overview.TopModels)
            {
                w.WriteStartObject();
                w.WriteString("model", model.Model);
                w.WriteString("provider", model.Provider);
                w.WriteNumber("requests", model.Requests);
                w.WriteNumber("spend_usd", model.SpendUsd);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("top_providers");
            foreach (var provider in overview.TopProviders)
            {
                w.WriteStartObject();
                w.WriteString("provider", provider.Provider);
                w.WriteNumber("requests", provider.Requests);
                w.WriteNumber("spend_usd", provider.SpendUsd);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("budgets");
            foreach (var budget in budgets)
            {
                Budget(w, budget);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static void Totals(Utf8JsonWriter w, OverviewTotals totals)
    {
        w.WriteStartObject("totals");
        w.WriteNumber("requests", totals.Requests);
        w.WriteNumber("errors", totals.Errors);
        w.WriteNumber("error_rate", Math.Round(totals.ErrorRate, 6));
        w.WriteNumber("spend_usd", totals.SpendUsd);
        w.WriteNumber("prompt_tokens", totals.PromptTokens);
        w.WriteNumber("completion_tokens", totals.CompletionTokens);
        Percentiles(w, "latency_ms", totals.LatencyP50Ms, totals.LatencyP95Ms);
        Percentiles(w, "ttft_ms", totals.TtftP50Ms, totals.TtftP95Ms);
        w.WriteEndObject();
    }

    private static void Percentiles(Utf8JsonWriter w, string name, double? p50, double? p95)
    {
        w.WriteStartObject(name);
        w.NumberOrNull("p50", p50 is { } median ? Math.Round(median, 1) : null);
        w.NumberOrNull("p95", p95 is { } tail ? Math.Round(tail, 1) : null);
        w.WriteEndObject();
    }

    /// <summary>One tenant's budgets against the ledger's spend in the current UTC day and month.</summary>
    private sealed record BudgetLine(Tenant Tenant, decimal DailySpend, decimal MonthlySpend, decimal? Burn);

    private static async Task<List<BudgetLine>> BudgetsAsync(EmbeddedStore store, string? tenantId, CancellationToken cancellationToken)
    {
        var lines = new List<BudgetLine>();
        foreach (var tenant in await store.Tenants.ListAsync(cancellationToken))
        {
            var budgeted = tenant.DailyBudgetUsd is not null || tenant.MonthlyBudgetUsd is not null;
            if ((tenantId is not null && tenant.Id != tenantId) || (tenant.Id == PlatformTenant.Id && !budgeted && tenantId is null))
            {
                continue; // the platform's own keys are not a customer; shown only when budgeted or asked for
            }

            var usage = await store.Budgets.GetUsageAsync(ScopeKind.Tenant, tenant.Id, cancellationToken);
            var burn = Max(Burn(usage.SpentTodayUsd, tenant.DailyBudgetUsd), Burn(usage.SpentThisMonthUsd, tenant.MonthlyBudgetUsd));
            lines.Add(new BudgetLine(tenant, usage.SpentTodayUsd, usage.SpentThisMonthUsd, burn));
        }

        // Most burnt first; unbudgeted tenants last, by id.
        lines.Sort(static (a, b) => (b.Burn ?? -1m).CompareTo(a.Burn ?? -1m) is var byBurn && byBurn != 0 ? byBurn : string.CompareOrdinal(a.Tenant.Id, b.Tenant.Id));
        return lines;
    }

    /// <summary>Spend over budget; a zero budget is fully burnt (nothing may be spent).</summary>
    private static decimal? Burn(decimal spend, decimal? budget) => budget switch
    {
        null => null,
        0m => 1m,
        { } limit => spend / limit,
    };

    private static decimal? Max(decimal? a, decimal? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);

    private static void Budget(Utf8JsonWriter w, BudgetLine line)
    {
        w.WriteStartObject();
        w.WriteString("tenant", line.Tenant.Id);
        w.WriteString("name", line.Tenant.Name);
        w.NumberOrNull("daily_budget", line.Tenant.DailyBudgetUsd);
        w.WriteNumber("daily_spend", line.DailySpend);
        w.NumberOrNull("monthly_budget", line.Tenant.MonthlyBudgetUsd);
        w.WriteNumber("monthly_spend", line.MonthlySpend);
        w.NumberOrNull("burn", line.Burn is { } burn ? Math.Round(burn, 6) : null);
        w.WriteBoolean("warning", line.Burn >= BurnWarning);
        w.WriteEndObject();
    }

    private static T Invalid<T>(List<FieldError> errors, string field, string reason, T fallback)
    {
        errors.Add(new FieldError(field, reason));
        return fallback;
    }

    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
