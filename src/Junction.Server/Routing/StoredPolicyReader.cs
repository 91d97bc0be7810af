using Junction.Core.Policy;
using Junction.Core.Policy.Ast;
using Junction.Server.Configuration;

namespace Junction.Server.Routing;

/// <summary>Reads a stored policy (configuration at startup; the store's JSON text when a tenant or key version is first seen).</summary>
internal static class StoredPolicyReader
{
    /// <summary>
    /// The policy at <paramref name="section"/>, or null when none is configured. Every validation error is added to
    /// <paramref name="errors"/> prefixed with the configuration path, so a bad deployment fails with all of them.
    /// </summary>
    public static PolicyDocument? Read(IConfigurationSection? section, string path, List<string> errors)
    {
        var json = ConfigurationJson.ToUtf8Json(section);
        if (json is null)
        {
            return null;
        }

        var parsed = PolicyParser.Parse(json);
        if (parsed.IsValid)
        {
            return parsed.Policy;
        }

        foreach (var error in parsed.Errors)
        {
            errors.Add($"{path}: {error}");
        }

        return null;
    }

    /// <summary>The policy in stored JSON text, or null when there is none; errors are added to <paramref name="errors"/> prefixed with <paramref name="path"/>.</summary>
    public static PolicyDocument? ReadJson(string? json, string path, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        var parsed = PolicyParser.Parse(System.Text.Encoding.UTF8.GetBytes(json));
        if (parsed.IsValid)
        {
            return parsed.Policy;
        }

        foreach (var error in parsed.Errors)
        {
            errors.Add($"{path}: {error}");
        }

        return null;
    }
}
