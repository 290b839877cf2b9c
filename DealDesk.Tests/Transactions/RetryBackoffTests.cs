using DealDesk.Data.Transactions;

namespace DealDesk.Tests.Transactions;

public sealed class RetryBackoffTests
{
    /// <summary>A Random whose NextDouble is fixed, to pin the jitter to its extremes.</summary>
    sealed class FixedRandom(double value) : Random
    {
        public override double NextDouble() => value;
    }

    [Theory]
    [InlineData(1, 80, 120)]
    [InlineData(2, 160, 240)]
    [InlineData(3, 320, 480)]
    public void Delay_doubles_per_retry_with_twenty_percent_jitter(int retry, double minMs, double maxMs)
    {
        var random = new Random(42);
        for (var i = 0; i < 200; i++)
        {
            var delay = RetryBackoff.Delay(retry, random);
            Assert.NotNull(delay);
            Assert.InRange(delay.Value.TotalMilliseconds, minMs, maxMs);
        }
        Assert.Equal(minMs, RetryBackoff.Delay(retry, new FixedRandom(0.0))!.Value.TotalMilliseconds, 3);
        Assert.Equal((minMs + maxMs) / 2, RetryBackoff.Delay(retry, new FixedRandom(0.5))!.Value.TotalMilliseconds, 3);
        Assert.Equal(maxMs, RetryBackoff.Delay(retry, new FixedRandom(0.999999))!.Value.TotalMilliseconds, 0);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    [InlineData(10)]
    public void No_delay_outside_the_three_retries(int retry) =>
        Assert.Null(RetryBackoff.Delay(retry, new Random(1)));

    [Fact]
    public void A_smaller_retry_budget_ends_earlier()
    {
        Assert.NotNull(RetryBackoff.Delay(1, new Random(1), maxRetries: 1));
        Assert.Null(RetryBackoff.Delay(2, new Random(1), maxRetries: 1));
    }

    [Fact]
    public void Jitter_actually_varies_so_retrying_clients_spread_out()
    {
        var random = new Random(7);
        var delays = Enumerable.Range(0, 50).Select(_ => RetryBackoff.Delay(1, random)!.Value.TotalMilliseconds).ToList();

        Assert.True(delays.Distinct().Count() > 40, $"Only {delays.Distinct().Count()} distinct delays out of 50.");
        Assert.True(delays.Max() - delays.Min() > 20, $"Delays span only {delays.Max() - delays.Min():F1} ms.");
    }
}
