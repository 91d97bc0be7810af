using System.ComponentModel.DataAnnotations;
using Junction.Storage.Traces;

namespace Junction.Server.Hosting;

/// <summary>How many dry-run traces (<c>/x/rank</c>) stay readable through <c>GET /x/traces/{id}</c> (<c>Junction:Traces</c>).</summary>
public sealed class TraceOptions
{
    public const string SectionName = "Junction:Traces";

    [Range(1, 10_000_000)]
    public int Capacity { get; set; } = InMemoryTraceStore.DefaultCapacity;
}
