namespace Junction.Core.Routing;

/// <summary>Compiles layers into a <see cref="CompiledPolicy"/>, caching by the layers' fingerprints. Thread-safe.</summary>
public sealed class PolicyCompiler
{
    /// <summary>The effective policy of the given layers (host floor first, request last).</summary>
    public CompiledPolicy Compile(IReadOnlyList<PolicyLayer> layers) => throw new NotImplementedException();
}
