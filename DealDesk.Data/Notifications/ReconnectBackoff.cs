namespace DealDesk.Data.Notifications;

/// <summary>
/// Waits between the listener's connection attempts: 0.5 s doubling to 10 s, ±20 % so that app instances
/// dropped together by a database restart do not reconnect in step.
/// </summary>
public static class ReconnectBackoff
{
    public static readonly TimeSpan First = TimeSpan.FromMilliseconds(500);
    public static readonly TimeSpan Max = TimeSpan.FromSeconds(10);
    public const double Jitter = 0.2;

    /// <summary>The wait after <paramref name="failures"/> consecutive failures (1-based).</summary>
    public static TimeSpan Delay(int failures, Random random)
    {
        var nominal = Math.Min(Max.TotalMilliseconds, First.TotalMilliseconds * Math.Pow(2, Math.Clamp(failures - 1, 0, 30)));
        return TimeSpan.FromMilliseconds(nominal * (1 + (random.NextDouble() * 2 - 1) * Jitter));
    }
}
