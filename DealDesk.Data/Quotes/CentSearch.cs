namespace DealDesk.Data.Quotes;

/// <summary>Searches whole cents of a lever (discount, down payment) against a payment that never rises as the lever grows.</summary>
static class CentSearch
{
    /// <summary>
    /// The smallest lever value in [<paramref name="lo"/>, <paramref name="hi"/>] (in cents) whose payment is at most
    /// <paramref name="target"/>, or null when even <paramref name="hi"/> pays more. Starts from <paramref name="guess"/>
    /// (the closed-form answer): gallops outwards until the answer is bracketed, then bisects, so a good guess costs a
    /// handful of evaluations and a bad one only a few more.
    /// </summary>
    public static long? SmallestAtMost(Func<long, decimal> payment, long lo, long hi, long guess, decimal target)
    {
        if (lo > hi || payment(hi) > target) return null;
        guess = Math.Clamp(guess, lo, hi);
        long above, atMost; // payment(above) > target (or above == lo − 1), payment(atMost) ≤ target
        if (payment(guess) <= target)
        {
            atMost = guess;
            above = lo - 1;
            for (long step = 1; atMost > lo; step *= 2)
            {
                var probe = Math.Max(lo, atMost - step);
                if (payment(probe) > target) { above = probe; break; }
                atMost = probe;
            }
        }
        else
        {
            above = guess;
            atMost = hi;
            for (long step = 1; above + step < hi; step *= 2)
            {
                var probe = above + step;
                if (payment(probe) <= target) { atMost = probe; break; }
                above = probe;
            }
        }
        while (atMost - above > 1)
        {
            var mid = above + (atMost - above) / 2;
            if (payment(mid) <= target) atMost = mid; else above = mid;
        }
        return atMost;
    }
}
