namespace DealDesk.Data.Quotes;

/// <summary>A manufacturer or dealer rebate; it reduces what the customer owes (not the taxable amount).</summary>
public sealed record RebateLine(string? Name, decimal Amount);

/// <summary>
/// A vehicle the customer trades in. <see cref="Equity"/> = allowance − payoff: positive equity is a credit,
/// negative equity rolls into the amount financed (a lease's capitalized cost).
/// </summary>
public sealed record TradeInLine(string? Vin, int? Year, string? Make, string? Model, decimal Allowance, decimal Payoff)
{
    public decimal Equity => Allowance - Payoff;
}

/// <summary>An F&amp;I product (service contract, GAP, ...). <see cref="Taxable"/> applies to finance and cash quotes.</summary>
public sealed record ProductLine(string? Name, decimal Price, bool Taxable);

/// <summary>A fee (doc fee and the others from the dealership's fee templates). <see cref="Taxable"/> as for products.</summary>
public sealed record FeeLine(string? Name, decimal Amount, bool Taxable);
