using Junction.Simulator.Text;

namespace Junction.Simulator.Pipeline;

/// <summary>What <see cref="DialectHandler{TRequest, TError}"/> needs from any dialect's request to plan its reply.</summary>
internal interface ISimulatedRequest
{
    string Model { get; }

    bool Stream { get; }

    /// <summary>The caller's output-token cap, when it gave one.</summary>
    int? MaxTokens { get; }

    /// <summary>Hash of the last user text: the seed of the reply's words.</summary>
    ulong UserTextHash { get; }

    /// <summary>The tool call to answer with, when the request's tools call for one.</summary>
    ToolCall? ToolCall { get; }

    /// <summary>The caller's stop sequences: the reply ends just before the first one it would contain.</summary>
    IReadOnlyList<string> StopSequences { get; }
}
