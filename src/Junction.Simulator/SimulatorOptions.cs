namespace Junction.Simulator;

/// <summary>How the simulator listens and how its models behave; bound from the configuration section <c>Simulator</c>.</summary>
public sealed class SimulatorOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Simulator";

    /// <summary>TCP port to listen on; 0 picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>IP address to listen on (<c>localhost</c> means 127.0.0.1).</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>Behaviour of every model without an entry in <see cref="Models"/>.</summary>
    public ModelBehaviour Default { get; set; } = new();

    /// <summary>Per model id behaviour; an entry replaces <see cref="Default"/> for that model as a whole.</summary>
    public Dictionary<string, ModelBehaviour> Models { get; } = new(StringComparer.Ordinal);

    /// <summary>When set, requests without <c>Authorization: Bearer</c> this key get 401 in OpenAI's error shape.</summary>
    public string? RequiredApiKey { get; set; }

    /// <summary>Seeds the chance that a fault with a <see cref="FaultSpec.Rate"/> below 1 fires.</summary>
    public int? Seed { get; set; }
}
