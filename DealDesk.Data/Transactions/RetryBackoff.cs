namespace DealDesk.Data.Transactions;

/// <summary>Exponential backoff with jitter: 100 → 200 → 400 ms (±20 %), then give up.</summary>
public static class RetryBackoff
{
    public const int MaxRetries = 3;
    public static readonly TimeSpan BaseDelay = TimeSpan.FromMilliseconds(100);
    public const double Jitter = 0.2;

    /// <summary>Delay before retry number <paramref name="retry"/> (1-based); null once retries are used up.</summary>
    public static TimeSpan? Delay(int retry, Random random, int maxRetries = MaxRetries)
    {
        if (retry < 1 || retry > maxRetries) return null;
        var nominal = BaseDelay.TotalMilliseconds * Math.Pow(2, retry - 1);
        var factor = 1 + (random.NextDouble() * 2 - 1) * Jitter;
        return TimeSpan.FromMilliseconds(nominal * factor);
    }
}
