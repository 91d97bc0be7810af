using System.Globalization;

namespace Junction.Server.Ingress.OpenAI;

/// <summary>The <c>x-junction-*</c> response headers: which model and provider served, the cost, the policy and the trace.</summary>
internal static class JunctionHeaders
{
    public const string Model = "x-junction-model";
    public const string Provider = "x-junction-provider";
    public const string CostUsd = "x-junction-cost-usd";
    public const string Policy = "x-junction-policy";
    public const string TraceId = "x-junction-trace-id";

    public static void SetDecision(HttpResponse response, string policyFingerprint, string traceId)
    {
        var headers = response.Headers;
        headers[Policy] = policyFingerprint;
        headers[TraceId] = traceId;
    }

    public static void SetServed(HttpResponse response, string model, string provider, double? costUsd)
    {
        var headers = response.Headers;
        headers[Model] = model;
        headers[Provider] = provider;
        if (costUsd is { } cost)
        {
            headers[CostUsd] = FormatUsd(cost);
        }
    }

    /// <summary>USD as a plain decimal with up to 10 fractional digits (no exponent), so any client parses it.</summary>
    public static string FormatUsd(double usd) => usd.ToString("0.##########", CultureInfo.InvariantCulture);
}
