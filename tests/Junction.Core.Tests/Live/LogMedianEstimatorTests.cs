using Junction.Core.Live;

namespace Junction.Core.Tests.Live;

public class LogMedianEstimatorTests
{
    [Fact]
    public void Add_FirstValue_IsTheEstimate()
    {
        var estimator = new LogMedianEstimator();

        estimator.Add(420);

        Assert.True(estimator.HasValue);
        Assert.Equal(420, estimator.Value, precision: 6);
    }

    [Fact]
    public void Add_SkewedStream_ConvergesToTheMedianNotTheMean()
    {
        // Log-normal with sigma 0.8: median 500 ms, mean about 689 ms.
        var random = new Random(11);
        var estimator = new LogMedianEstimator();

        var logSum = 0.0;
        for (var i = 0; i < 4000; i++)
        {
            estimator.Add(500 * Math.Exp(0.8 * Gaussian(random)));
            if (i >= 2000)
            {
                logSum += estimator.Log;
            }
        }

        // Averaged over time the estimate sits on the median; a single reading jitters by several percent.
        Assert.InRange(Math.Exp(logSum / 2000), 475, 525);
        Assert.InRange(estimator.Value, 350, 650);
    }

    [Fact]
    public void Add_OneHugeOutlierAtSteadyState_MovesTheEstimateByAtMostAFewPercent()
    {
        var random = new Random(5);
        var estimator = new LogMedianEstimator();
        for (var i = 0; i < 500; i++)
        {
            estimator.Add(500 * Math.Exp(0.2 * Gaussian(random)));
        }

        var before = estimator.Value;
        estimator.Add(10_000);

        Assert.InRange(estimator.Value / before, 1, 1.05);
    }

    [Fact]
    public void Add_ShiftedStream_FollowsTheNewLevelWithinAFewObservations()
    {
        var estimator = new LogMedianEstimator();
        for (var i = 0; i < 100; i++)
        {
            estimator.Add(i % 2 == 0 ? 780 : 820);
        }

        for (var i = 0; i < 40; i++)
        {
            estimator.Add(i % 2 == 0 ? 390 : 410);
        }

        Assert.InRange(estimator.Value, 385, 415);
    }

    [Fact]
    public void Add_ZeroValue_KeepsAFiniteEstimate()
    {
        var estimator = new LogMedianEstimator();

        estimator.Add(0);
        estimator.Add(0);

        Assert.True(double.IsFinite(estimator.Log));
        Assert.True(estimator.Value > 0);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
