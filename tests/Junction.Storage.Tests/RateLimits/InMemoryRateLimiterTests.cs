using Junction.Storage.RateLimits;
using Junction.Storage.Tests.Infrastructure;

namespace Junction.Storage.Tests.RateLimits;

public sealed class InMemoryRateLimiterTests
{
    private static (IRateLimiter Limiter, ManualTimeProvider Time) Create()
    {
        var time = new ManualTimeProvider(TestStore.Noon);
        return (new InMemoryRateLimiter(time), time);
    }

    private static RateLimitScope Tenant(int? rpm = null, int? tpm = null) => new(ScopeKind.Tenant, "acme", rpm, tpm);

    private static RateLimitScope Key(int? rpm = null, int? tpm = null) => new(ScopeKind.Key, "key_1", rpm, tpm);

    [Fact]
    public async Task TryAcquireAsync_WithinRequestLimit_ReportsRemainingAndReset()
    {
        var (limiter, _) = Create();

        var decision = await limiter.TryAcquireAsync([Tenant(rpm: 60)]);

        Assert.True(decision.IsAllowed);
        Assert.Equal(new RateLimitCounters(60, 59, TimeSpan.FromSeconds(1)), decision.Requests);
        Assert.Null(decision.Tokens);
    }

    [Fact]
    public async Task TryAcquireAsync_RequestsUsedUp_DeniesWithRetryAfterUntilOneRefills()
    {
        var (limiter, time) = Create();
        for (var i = 0; i < 60; i++)
        {
            Assert.True((await limiter.TryAcquireAsync([Tenant(rpm: 60)])).IsAllowed);
        }

        var denied = await limiter.TryAcquireAsync([Tenant(rpm: 60)]);

        Assert.False(denied.IsAllowed);
        Assert.Equal(RateLimitReason.Requests, denied.Reason);
        Assert.Equal(TimeSpan.FromSeconds(1), denied.RetryAfter);
        Assert.Equal(new RateLimitCounters(60, 0, TimeSpan.FromMinutes(1)), denied.Requests);
        Assert.Equal(ScopeKind.Tenant, denied.DeniedScope!.Value.Kind);

        time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False((await limiter.TryAcquireAsync([Tenant(rpm: 60)])).IsAllowed);
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True((await limiter.TryAcquireAsync([Tenant(rpm: 60)])).IsAllowed);
    }

    [Fact]
    public async Task TryAcquireAsync_TokensUsedUp_DeniesOnTokensWithRetryAfter()
    {
        var (limiter, _) = Create();
        Assert.True((await limiter.TryAcquireAsync([Tenant(rpm: 100, tpm: 6000)], tokens: 5000)).IsAllowed);

        var denied = await limiter.TryAcquireAsync([Tenant(rpm: 100, tpm: 6000)], tokens: 2000);

        Assert.Equal(RateLimitReason.Tokens, denied.Reason);
        Assert.Equal(TimeSpan.FromSeconds(10), denied.RetryAfter);
        Assert.Equal(1000, denied.Tokens!.Value.Remaining);
        Assert.Equal(99, denied.Requests!.Value.Remaining);
    }

    [Fact]
    public async Task TryAcquireAsync_MoreTokensThanAMinutesLimit_DeniesAsTooLarge()
    {
        var (limiter, _) = Create();

        var denied = await limiter.TryAcquireAsync([Tenant(tpm: 1000)], tokens: 1001);

        Assert.Equal(RateLimitReason.TooLarge, denied.Reason);
        Assert.Equal(1000, denied.Tokens!.Value.Remaining);
    }

    [Fact]
    public async Task TryAcquireAsync_KeyDenies_TakesNothingFromTenant()
    {
        var (limiter, _) = Create();
        Assert.True((await limiter.TryAcquireAsync([Tenant(rpm: 10), Key(rpm: 1)])).IsAllowed);

        var denied = await limiter.TryAcquireAsync([Tenant(rpm: 10), Key(rpm: 1)]);
        var tenantOnly = await limiter.TryAcquireAsync([Tenant(rpm: 10)]);

        Assert.Equal(ScopeKind.Key, denied.DeniedScope!.Value.Kind);
        Assert.Equal(8, tenantOnly.Requests!.Value.Remaining);
    }

    [Fact]
    public async Task TryAcquireAsync_TwoScopes_ReportsTheTighterCounters()
    {
        var (limiter, _) = Create();

        var decision = await limiter.TryAcquireAsync([Tenant(rpm: 1000, tpm: 100_000), Key(rpm: 10, tpm: 200_000)], tokens: 500);

        Assert.Equal(new RateLimitCounters(10, 9, TimeSpan.FromSeconds(6)), decision.Requests);
        Assert.Equal(99_500, decision.Tokens!.Value.Remaining);
    }

    [Fact]
    public async Task AdjustAsync_ActualAboveEstimate_PutsScopeInDebt()
    {
        var (limiter, time) = Create();
        Assert.True((await limiter.TryAcquireAsync([Tenant(tpm: 600)], tokens: 100)).IsAllowed);

        await limiter.AdjustAsync([Tenant(tpm: 600)], tokenDelta: 560);

        var denied = await limiter.TryAcquireAsync([Tenant(tpm: 600)], tokens: 0);
        Assert.Equal(RateLimitReason.Tokens, denied.Reason);
        Assert.Equal(TimeSpan.FromSeconds(6), denied.RetryAfter);
        time.Advance(TimeSpan.FromSeconds(6));
        Assert.True((await limiter.TryAcquireAsync([Tenant(tpm: 600)], tokens: 0)).IsAllowed);
    }

    [Fact]
    public async Task AdjustAsync_ActualBelowEstimate_GivesTokensBackUpToTheLimit()
    {
        var (limiter, _) = Create();
        Assert.True((await limiter.TryAcquireAsync([Tenant(tpm: 1000)], tokens: 800)).IsAllowed);

        await limiter.AdjustAsync([Tenant(tpm: 1000)], tokenDelta: -900);

        var decision = await limiter.TryAcquireAsync([Tenant(tpm: 1000)], tokens: 1000);
        Assert.True(decision.IsAllowed);
        Assert.Equal(0, decision.Tokens!.Value.Remaining);
    }

    [Fact]
    public async Task TryAcquireAsync_LimitLowered_CapsWhatIsLeft()
    {
        var (limiter, _) = Create();
        Assert.True((await limiter.TryAcquireAsync([Tenant(rpm: 100)])).IsAllowed);

        var decision = await limiter.TryAcquireAsync([Tenant(rpm: 5)]);

        Assert.Equal(4, decision.Requests!.Value.Remaining);
    }

    [Fact]
    public async Task TryAcquireAsync_ConcurrentCallers_NeverAdmitMoreThanTheLimit()
    {
        var (limiter, _) = Create();
        var admitted = 0;

        await Parallel.ForAsync(0, 1000, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (_, ct) =>
        {
            if ((await limiter.TryAcquireAsync([Tenant(rpm: 500), Key(rpm: 200)], cancellationToken: ct)).IsAllowed)
            {
                Interlocked.Increment(ref admitted);
            }
        });

        Assert.Equal(200, admitted);
    }

    [Fact]
    public async Task TryAcquireAsync_NoLimits_AllowsWithoutCounters()
    {
        var (limiter, _) = Create();

        var decision = await limiter.TryAcquireAsync([Tenant(), Key()], tokens: 1_000_000);

        Assert.True(decision.IsAllowed);
        Assert.Null(decision.Requests);
        Assert.Null(decision.Tokens);
    }
}
