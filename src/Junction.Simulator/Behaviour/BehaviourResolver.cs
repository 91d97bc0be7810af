using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Junction.Simulator.Behaviour;

/// <summary>Applies the <c>x-sim-*</c> headers of one request over its model's settings; the headers win.</summary>
internal static class BehaviourResolver
{
    /// <summary>Gives the settings, or the offending header and why it is invalid.</summary>
    public static bool TryResolve(IHeaderDictionary headers, BehaviourSettings settings, out BehaviourSettings resolved, out string? invalidHeader, out string? error)
    {
        resolved = settings;
        invalidHeader = null;
        error = null;

        if (!TryInt(headers, SimulatorHeaders.LatencyMs, resolved.LatencyMs, out var latency, ref invalidHeader)
            || !TryInt(headers, SimulatorHeaders.TtftMs, resolved.TtftMs, out var ttft, ref invalidHeader)
            || !TryInt(headers, SimulatorHeaders.OutputTokens, resolved.OutputTokens, out var outputTokens, ref invalidHeader)
            || !TryDouble(headers, SimulatorHeaders.TokensPerSecond, resolved.TokensPerSecond, out var tps, ref invalidHeader))
        {
            error = $"Invalid '{invalidHeader}' header: expected a number of 0 or more.";
            return false;
        }

        var fault = resolved.Fault;
        var faultHeader = headers[SimulatorHeaders.Fault];
        if (faultHeader.Count > 0)
        {
            if (!FaultSpecParser.TryParse(faultHeader.ToString(), out var spec, out error))
            {
                invalidHeader = SimulatorHeaders.Fault;
                error = $"Invalid '{SimulatorHeaders.Fault}' header: {error}";
                return false;
            }
            fault = Fault.From(spec);
        }

        resolved = new BehaviourSettings(latency, ttft, tps, outputTokens, fault);
        return true;
    }

    private static bool TryInt(IHeaderDictionary headers, string name, int fallback, out int value, ref string? invalidHeader)
    {
        value = fallback;
        var header = headers[name];
        if (header.Count == 0)
        {
            return true;
        }
        if (int.TryParse(header.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out value) && value >= 0)
        {
            return true;
        }
        invalidHeader = name;
        return false;
    }

    private static bool TryDouble(IHeaderDictionary headers, string name, double fallback, out double value, ref string? invalidHeader)
    {
        value = fallback;
        var header = headers[name];
        if (header.Count == 0)
        {
            return true;
        }
        if (double.TryParse(header.ToString(), NumberStyles.Float, CultureInfo.InvariantCulture, out value) && value >= 0)
        {
            return true;
        }
        invalidHeader = name;
        return false;
    }
}
