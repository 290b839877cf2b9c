using DealDesk.Data.Quotes;

namespace DealDesk.Tests.Quotes.Editor;

/// <summary>Quotes as QuoteQueries returns them, priced with the real calculator at <see cref="FakeQuoteDesk.Settings"/>.</summary>
public static class QuoteSamples
{
    public static readonly DateTimeOffset Saved = new(2026, 3, 14, 15, 30, 0, TimeSpan.Zero);

    /// <summary>A finance quote: 30,000 − 1,000 discount, 3,000 down, 60 months at 6.9 %, the doc fee; vehicle cost 25,000.</summary>
    public static QuoteView Finance(Guid dealId, string name = "Scenario 1", string state = QuoteState.Draft, bool active = true, long version = 2)
    {
        var input = new QuoteInput
        {
            Kind = QuoteKind.Finance, Price = 30_000m, Discount = 1_000m, DownPayment = 3_000m, TermMonths = 60, Apr = 6.9m,
            Fees = [new FeeLine("Doc fee", 499m, false)], Currency = "USD",
        };
        var locked = QuoteStates.IsLocked(state);
        return new QuoteView
        {
            Id = Guid.NewGuid(), DealId = dealId, DealNumber = "2026-0314-0007", Name = name, IsActive = active, State = state,
            Version = version, Currency = "USD", ExpiresAt = Saved.AddDays(30), Input = input,
            Figures = QuoteCalculator.Compute(input, FakeQuoteDesk.Rules, 25_000m),
            AllowedActions = QuoteStates.AllowedActions(state, Saved, Saved.AddDays(30)),
            CanDelete = !active && !locked, CanActivate = !active && state != QuoteState.Cancelled,
            LastModifiedById = Guid.Empty, LastModifiedBy = "Sam Seller", LastModifiedAt = Saved, CreatedAt = Saved.AddDays(-1),
        };
    }
}
