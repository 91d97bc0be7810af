using System.Collections.Frozen;

namespace Junction.Simulator.Behaviour;

/// <summary>Per model behaviour, frozen from the options at start so requests read it without locks.</summary>
internal sealed class BehaviourTable
{
    private readonly FrozenDictionary<string, BehaviourSettings> _models;

    public BehaviourTable(SimulatorOptions options)
    {
        Default = BehaviourSettings.From(options.Default ?? new ModelBehaviour());
        var models = new Dictionary<string, BehaviourSettings>(StringComparer.Ordinal);
        foreach (var (model, behaviour) in options.Models)
        {
            models[model] = BehaviourSettings.From(behaviour);
        }
        _models = models.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public BehaviourSettings Default { get; }

    /// <summary>Model ids with their own behaviour.</summary>
    public IEnumerable<string> ConfiguredModels => _models.Keys;

    public BehaviourSettings For(string model) =>
        _models.TryGetValue(model, out var settings) ? settings : Default;
}
