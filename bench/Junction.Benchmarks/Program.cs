using BenchmarkDotNet.Running;
using Junction.Benchmarks.Routing;

if (args is ["--profile", .. var rest])
{
    RoutingProfile.Run(rest);
    return 0;
}

var summaries = BenchmarkSwitcher.FromAssembly(typeof(RoutingBenchmarks).Assembly).Run(args);

// A benchmark that failed to build, set up or run fails the process, so the smoke run in test.sh catches it.
foreach (var summary in summaries)
{
    if (summary.HasCriticalValidationErrors || summary.Reports.Any(report => !report.Success))
    {
        return 1;
    }
}

return 0;
