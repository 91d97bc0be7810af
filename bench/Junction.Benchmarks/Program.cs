using BenchmarkDotNet.Running;
using Junction.Benchmarks.Routing;

if (args is ["--profile", .. var rest])
{
    RoutingProfile.Run(rest);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
