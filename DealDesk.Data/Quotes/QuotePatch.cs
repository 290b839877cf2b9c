namespace DealDesk.Data.Quotes;

/// <summary>
/// The fields a save changes; every field left unset keeps the stored value. Lines are replaced as whole lists (send
/// all of a kind's lines, or none to keep them). <see cref="ExpiresInDays"/> renews the expiry to now + days.
/// <see cref="ExpiresAt"/> sets it to an instant in that range instead. <see cref="Expected"/> carries totals the client computed itself: each one sent must match the server's
/// (ITEMS_INCONSISTENT otherwise); they are checked, never stored.
/// <para>Values convert implicitly (<c>new QuotePatch { Price = 29_500m }</c>); line lists, being interfaces, need
/// <c>Optional.Of&lt;IReadOnlyList&lt;FeeLine&gt;&gt;([...])</c>.</para>
/// <para>For the editor: <see cref="Between"/> turns "what I loaded" and "what I have now" into a patch, and
/// <see cref="ApplyTo"/> re-applies it onto a newer version after a QUOTE_CONFLICT_VERSION ("take theirs, then mine").</para>
/// </summary>
public sealed record QuotePatch
{
    public Optional<string?> Name { get; init; }
    public Optional<string?> Kind { get; init; }
    public Optional<decimal> Price { get; init; }
    public Optional<decimal> Discount { get; init; }
    public Optional<decimal> DownPayment { get; init; }
    public Optional<int?> TermMonths { get; init; }
    public Optional<decimal?> Apr { get; init; }
    public Optional<decimal?> ResidualPercent { get; init; }
    public Optional<decimal?> MoneyFactor { get; init; }
    public Optional<int?> AnnualMiles { get; init; }
    public Optional<decimal?> DueAtSigning { get; init; }
    public Optional<IReadOnlyList<RebateLine>> Rebates { get; init; }
    public Optional<IReadOnlyList<TradeInLine>> TradeIns { get; init; }
    public Optional<IReadOnlyList<ProductLine>> Products { get; init; }
    public Optional<IReadOnlyList<FeeLine>> Fees { get; init; }
    public Optional<string?> Currency { get; init; }
    /// <summary>Renew: the quote then expires this many days (1–90) from the save.</summary>
    public Optional<int> ExpiresInDays { get; init; }
    /// <summary>Renew to this instant, 1 to 90 days from the save (an alternative to <see cref="ExpiresInDays"/>).</summary>
    public Optional<DateTimeOffset> ExpiresAt { get; init; }
    public QuoteTotals? Expected { get; init; }

    /// <summary>The names (<see cref="QuoteFields"/>) of the fields this patch sets.</summary>
    public IReadOnlyList<string> Fields =>
    [
        .. Set(Name.IsSet, QuoteFields.Name), .. Set(Kind.IsSet, QuoteFields.Kind), .. Set(Price.IsSet, QuoteFields.Price),
        .. Set(Discount.IsSet, QuoteFields.Discount), .. Set(DownPayment.IsSet, QuoteFields.DownPayment),
        .. Set(TermMonths.IsSet, QuoteFields.TermMonths), .. Set(Apr.IsSet, QuoteFields.Apr),
        .. Set(ResidualPercent.IsSet, QuoteFields.ResidualPercent), .. Set(MoneyFactor.IsSet, QuoteFields.MoneyFactor),
        .. Set(AnnualMiles.IsSet, QuoteFields.AnnualMiles), .. Set(DueAtSigning.IsSet, QuoteFields.DueAtSigning),
        .. Set(Rebates.IsSet, QuoteFields.Rebates), .. Set(TradeIns.IsSet, QuoteFields.TradeIns),
        .. Set(Products.IsSet, QuoteFields.Products), .. Set(Fees.IsSet, QuoteFields.Fees),
        .. Set(Currency.IsSet, QuoteFields.Currency), .. Set(ExpiresInDays.IsSet || ExpiresAt.IsSet, QuoteFields.ExpiresAt),
    ];

    /// <summary>
    /// <paramref name="input"/> with this patch's inputs applied (name and expiry are not part of a <see cref="QuoteInput"/>;
    /// <see cref="QuoteInput.ExpiresInDays"/> takes <see cref="ExpiresInDays"/> when set, so the validator checks it).
    /// </summary>
    public QuoteInput ApplyTo(QuoteInput input) => input with
    {
        Kind = Kind.Or(input.Kind),
        Price = Price.Or(input.Price),
        Discount = Discount.Or(input.Discount),
        DownPayment = DownPayment.Or(input.DownPayment),
        TermMonths = TermMonths.Or(input.TermMonths),
        Apr = Apr.Or(input.Apr),
        ResidualPercent = ResidualPercent.Or(input.ResidualPercent),
        MoneyFactor = MoneyFactor.Or(input.MoneyFactor),
        AnnualMiles = AnnualMiles.Or(input.AnnualMiles),
        DueAtSigning = DueAtSigning.Or(input.DueAtSigning),
        Rebates = Rebates.Or(input.Rebates),
        TradeIns = TradeIns.Or(input.TradeIns),
        Products = Products.Or(input.Products),
        Fees = Fees.Or(input.Fees),
        Currency = Currency.Or(input.Currency),
        ExpiresInDays = ExpiresInDays.Or(input.ExpiresInDays),
        Expected = Expected ?? input.Expected,
    };

    /// <summary>A patch of exactly the inputs that differ between <paramref name="before"/> and <paramref name="after"/> (lines compared item by item).</summary>
    public static QuotePatch Between(QuoteInput before, QuoteInput after, string? nameBefore = null, string? nameAfter = null)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        return new QuotePatch
        {
            Name = Diff(nameBefore, nameAfter),
            Kind = Diff(before.Kind, after.Kind),
            Price = Diff(before.Price, after.Price),
            Discount = Diff(before.Discount, after.Discount),
            DownPayment = Diff(before.DownPayment, after.DownPayment),
            TermMonths = Diff(before.TermMonths, after.TermMonths),
            Apr = Diff(before.Apr, after.Apr),
            ResidualPercent = Diff(before.ResidualPercent, after.ResidualPercent),
            MoneyFactor = Diff(before.MoneyFactor, after.MoneyFactor),
            AnnualMiles = Diff(before.AnnualMiles, after.AnnualMiles),
            DueAtSigning = Diff(before.DueAtSigning, after.DueAtSigning),
            Rebates = DiffLines(before.Rebates, after.Rebates),
            TradeIns = DiffLines(before.TradeIns, after.TradeIns),
            Products = DiffLines(before.Products, after.Products),
            Fees = DiffLines(before.Fees, after.Fees),
            Currency = Diff(before.Currency, after.Currency),
            ExpiresInDays = before.ExpiresInDays == after.ExpiresInDays ? default(Optional<int>) : after.ExpiresInDays, // typed: a bare default here would be the int 0, "set"
        };
    }

    static Optional<T> Diff<T>(T before, T after) => EqualityComparer<T>.Default.Equals(before, after) ? default : new Optional<T>(after);

    static Optional<IReadOnlyList<T>> DiffLines<T>(IReadOnlyList<T>? before, IReadOnlyList<T>? after) =>
        (before ?? []).SequenceEqual(after ?? []) ? default : new Optional<IReadOnlyList<T>>(after ?? []);

    static string[] Set(bool isSet, string field) => isSet ? [field] : [];
}
