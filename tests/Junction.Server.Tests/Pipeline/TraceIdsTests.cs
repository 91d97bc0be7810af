using System.Globalization;
using Junction.Server.Pipeline;

namespace Junction.Server.Tests.Pipeline;

public sealed class TraceIdsTests
{
    [Fact]
    public void New_IsTrcAndAVersion7UuidInLowerHexWithTheTimeFirst()
    {
        var millis = DateTimeOffset.Parse("2026-12-05T18:00:00Z", CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();

        var id = TraceIds.New(millis);

        Assert.Matches("^trc_[0-9a-f]{12}7[0-9a-f]{3}[89ab][0-9a-f]{15}$", id);
        Assert.Equal(millis, long.Parse(id.AsSpan(4, 12), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
        Assert.Equal(7, Guid.ParseExact(id[4..], "N").Version);
    }

    [Fact]
    public void New_ManyInTheSameMillisecondAcrossRefills_AreDistinct()
    {
        // 10 random bytes per id from a 4 KB buffer: 5,000 ids refill it a dozen times.
        var ids = Enumerable.Range(0, 5_000).Select(_ => TraceIds.New(1_800_000_000_000)).ToHashSet();

        Assert.Equal(5_000, ids.Count);
    }

    [Fact]
    public void New_LaterMillisecond_SortsAfter()
    {
        var earlier = TraceIds.New(1_800_000_000_000);
        var later = TraceIds.New(1_800_000_000_001);

        Assert.True(string.CompareOrdinal(earlier, later) < 0);
    }
}
