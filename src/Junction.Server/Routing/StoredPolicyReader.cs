using Junction.Core.Policy;
using Junction.Core.Policy.Ast;
using Junction.Server.Configuration;

namespace Junction.Server.Routing;

/// <summary>Reads a policy stored in configuration (host floor, tenant, key) once at startup.</summary>
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
}
