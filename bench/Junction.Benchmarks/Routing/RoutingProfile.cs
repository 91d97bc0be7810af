using System.Diagnostics;
using Junction.Core.Catalog;
using Junction.Core.Routing;
using Junction.Core.Routing.Evaluation;

namespace Junction.Benchmarks.Routing;

/// <summary>
/// <c>--profile [models] [iterations] [warmup]</c>: the <see cref="RoutingBenchmarks"/> decision in a plain loop, for
/// instruction counters and profilers, which BenchmarkDotNet's child processes get in the way of. Prints the
/// best per-decision CPU time over several batches, which a loaded machine inflates far less than wall time.
/// </summary>
internal static class RoutingProfile
{
    public static void Run(ReadOnlySpan<string> args)
    {
        var models = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 500;
        var iterations = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 200_000;
        var warmup = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 20_000;
        var router = new Router(new Random(7));
        var scratch = new RouteScratch();
        var catalog = SyntheticCatalog.Create(models);
        var policy = new PolicyCompiler().Compile(SeedLayers.TenantAndRequest());
        var request = new RouteRequest(EstPromptTokens: 812, MaxTokens: 512, Needs: ModelCapabilities.Tools, StickyKey: null);

        // Past tiered compilation's promotion to the optimized tier.
        for (var i = 0; i < warmup; i++)
        {
            router.Decide(policy, catalog, request, scratch);
        }

        Thread.Sleep(200);
        var batch = Math.Max(1, iterations / 10);
        var best = double.MaxValue;
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var sink = 0;
        for (var b = 0; b < 10; b++)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            for (var i = 0; i < batch; i++)
            {
                sink += router.Decide(policy, catalog, request, scratch).CascadeCount;
            }

            var elapsed = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / batch;
            best = Math.Min(best, elapsed);
        }

        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        Console.WriteLine($"models={models} iterations={batch * 10} best_cpu_us={best:F3} allocated_bytes={allocated} survivors={scratch.SurvivorCount} sink={sink}");
    }
}
