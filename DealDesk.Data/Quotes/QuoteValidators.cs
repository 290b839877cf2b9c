using System.Collections.Concurrent;

namespace DealDesk.Data.Quotes;

/// <summary>
/// One <see cref="QuoteValidator"/> per distinct set of dealership settings. Building one compiles every rule (measured:
/// ~3.5 ms on the shared 2-core machine, six times a validation); a built validator is immutable and thread-safe.
/// </summary>
internal static class QuoteValidators
{
    static readonly ConcurrentDictionary<(decimal TaxRate, bool TradeInReducesTaxable, string Currencies), QuoteValidator> Built = new();

    public static QuoteValidator For(QuoteTaxRules rules, IReadOnlyCollection<string> currencies) =>
        Built.GetOrAdd((rules.TaxRate, rules.TradeInReducesTaxable, string.Join(',', currencies)),
            key => new QuoteValidator(new QuoteTaxRules(key.TaxRate, key.TradeInReducesTaxable), key.Currencies.Split(',')));
}
