namespace Junction.Providers.Tests.Infrastructure;

/// <summary>A clock stopped at one instant; timers still run on real time.</summary>
public sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
