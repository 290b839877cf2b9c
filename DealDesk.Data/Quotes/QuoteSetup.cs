using DealDesk.Data.Deals;
using DealDesk.Data.Inventory;
using DealDesk.Data.Tenancy;

namespace DealDesk.Data.Quotes;

/// <summary>New quotes: the defaults a quote starts from, and a new scenario row with its lines and first history entry.</summary>
internal static class QuoteSetup
{
    public const int DefaultTermMonths = 60;

    /// <summary>A finance quote for the vehicle's price at the dealership's APR, with its fee templates and first currency.</summary>
    public static QuoteInput Defaults(Dealership dealership, decimal? vehiclePrice) => new()
    {
        Kind = QuoteKind.Finance, Price = vehiclePrice ?? 0m, TermMonths = DefaultTermMonths, Apr = dealership.DefaultApr,
        Currency = dealership.AllowedCurrencies.FirstOrDefault() ?? "USD",
        Fees = [.. dealership.QuoteFeeTemplates().Select(t => new FeeLine(t.Name, t.Amount, t.Taxable))],
    };

    /// <summary>A DRAFT version-1 quote of the deal, its lines, and its "created" history entry (inserted with it).</summary>
    public static PricingScenario Create(Guid dealershipId, Guid dealId, string name, QuoteInput input, QuoteFigures figures,
        QuoteTaxRules rules, Guid userId, DateTimeOffset now, DateTimeOffset? expiresAt = null)
    {
        var quote = new PricingScenario
        {
            Id = Guid.NewGuid(), DealershipId = dealershipId, DealId = dealId, Name = name, CreatedAt = now, UpdatedAt = now,
            TermMonths = input.TermMonths ?? DefaultTermMonths, Apr = input.Apr ?? 0m,
        };
        Start(quote, input, figures, rules, userId, now, expiresAt);
        return quote;
    }

    /// <summary>
    /// Makes a deal's first scenario (built by deal creation from its few numbers) a complete quote: the dealership's
    /// fee templates as its fees, its trade-in value and payoff as a trade-in line (year/make/model to be completed on
    /// the next save), figures by <see cref="QuoteCalculator"/>. Not validated: deal creation never refused a scenario,
    /// and a quote that cannot be priced yet says why on its next save.
    /// </summary>
    public static void CompleteFirst(PricingScenario scenario, Dealership dealership, Vehicle? vehicle, Guid userId, DateTimeOffset now)
    {
        var input = Defaults(dealership, scenario.Price) with
        {
            DownPayment = scenario.DownPayment, TermMonths = scenario.TermMonths, Apr = scenario.Apr,
            TradeIns = scenario.TradeInValue > 0 || scenario.TradeInPayoff > 0
                ? [new TradeInLine(null, null, null, null, scenario.TradeInValue, scenario.TradeInPayoff)] : [],
        };
        var rules = QuoteRecords.RulesOf(dealership);
        Start(scenario, input, QuoteCalculator.Evaluate(input, rules, vehicle?.Cost).Figures, rules, userId, now);
    }

    static void Start(PricingScenario quote, QuoteInput input, QuoteFigures figures, QuoteTaxRules rules, Guid userId, DateTimeOffset now,
        DateTimeOffset? expiresAt = null)
    {
        quote.State = QuoteState.Draft;
        quote.Version = 1;
        quote.ExpiresAt = expiresAt ?? QuoteStates.ExpiresAt(now, input.ExpiresInDays);
        quote.LastModifiedBy = userId;
        quote.LastModifiedAt = now;
        QuoteRecords.Write(quote, input, figures, rules);
        quote.Lines = QuoteRecords.LinesOf(quote.DealershipId, quote.Id, input);
        quote.History =
        [
            new QuoteHistoryEntry
            {
                DealershipId = quote.DealershipId, QuoteId = quote.Id, Version = 1, Action = QuoteHistoryAction.Created, UserId = userId,
                ChangedAt = now,
                Changes = QuoteDiff.ToJson(QuoteDiff.Initial(new QuoteSnapshot(quote.Name, input, quote.State, quote.ExpiresAt))),
            },
        ];
    }
}
