using System.Globalization;
using System.Text;
using Junction.Core.Policy;
using Junction.Server.Ingress.OpenAI;

namespace Junction.Server.Ingress;

/// <summary>
/// Reads the <c>X-Junction-*</c> headers into <see cref="RoutingKnobs"/>, so SDKs that cannot add body fields
/// still reach every knob. Read before the body, whose <c>junction</c> object then overrides knob by knob.
/// </summary>
internal static class RoutingKnobHeaders
{
    public const string Strategy = "X-Junction-Strategy";
    public const string MaxCost = "X-Junction-Max-Cost";
    public const string Policy = "X-Junction-Policy";
    public const string ForceModel = "X-Junction-Force-Model";
    public const string Tags = "X-Junction-Tags";

    public static ApiError? Read(IHeaderDictionary headers, RoutingKnobs knobs)
    {
        if (headers.TryGetValue(Strategy, out var strategy) && !string.IsNullOrWhiteSpace(strategy))
        {
            knobs.Strategy = strategy.ToString().Trim();
            knobs.StrategyParam = Strategy;
        }

        if (headers.TryGetValue(MaxCost, out var maxCost) && !string.IsNullOrWhiteSpace(maxCost))
        {
            if (!double.TryParse(maxCost.ToString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value) || value < 0)
            {
                return ApiErrors.BadField(MaxCost, $"The header {MaxCost} must be a non-negative number of USD.");
            }

            knobs.MaxCost = value;
        }

        if (headers.TryGetValue(Policy, out var policy) && !string.IsNullOrWhiteSpace(policy))
        {
            var text = policy.ToString();
            PolicyParseResult parsed;
            try
            {
                parsed = PolicyParser.Parse(Encoding.UTF8.GetBytes(text));
            }
            catch (System.Text.Json.JsonException ex)
            {
                return ApiErrors.BadField(Policy, $"The header {Policy} is not valid JSON: {ex.Message}");
            }

            if (!parsed.IsValid)
            {
                return ApiErrors.InvalidPolicy(Policy, parsed.Errors);
            }

            knobs.Policy = parsed.Policy;
        }

        if (headers.TryGetValue(ForceModel, out var force) && !string.IsNullOrWhiteSpace(force))
        {
            knobs.ForceModel = force.ToString().Trim();
            knobs.ForceModelParam = ForceModel;
        }

        if (headers.TryGetValue(Tags, out var tags) && !string.IsNullOrWhiteSpace(tags))
        {
            knobs.Tags = tags.ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }

        return null;
    }
}
