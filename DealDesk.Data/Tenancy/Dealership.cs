namespace DealDesk.Data.Tenancy;

/// <summary>A dealership: the tenant. Its settings drive local dates, taxes and fees.</summary>
public sealed class Dealership
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    /// <summary>IANA time zone; deal numbers use the dealership's local date.</summary>
    public string TimeZone { get; set; } = "America/New_York";
    /// <summary>ISO 3166 region for phones typed without a country code (and their display).</summary>
    public string Country { get; set; } = "US";
    public decimal DefaultTaxRate { get; set; }
    public decimal DocFee { get; set; }
    public decimal DefaultApr { get; set; } = 6.9m;
    public DateTimeOffset CreatedAt { get; set; }

    // Quote editor settings (the settings page comes later; the migration gives existing dealerships these defaults).

    /// <summary>The fees a new quote starts with. Null: not set up yet, so the doc fee alone (<see cref="QuoteFeeTemplates"/>).</summary>
    public IReadOnlyList<FeeTemplate>? FeeTemplates { get; set; }
    /// <summary>The trade-in allowance is deducted from the vehicle's taxable amount (most US states).</summary>
    public bool TradeInReducesTaxable { get; set; } = true;
    /// <summary>The step between the payment grid's down payments.</summary>
    public decimal DownPaymentStep { get; set; } = 1_000m;
    /// <summary>ISO 4217 codes a quote may be in; the first is a new quote's.</summary>
    public string[] AllowedCurrencies { get; set; } = ["USD"];

    /// <summary>The configured fee templates, or the doc fee (untaxed, as deal scenarios have always priced it) when none are.</summary>
    public IReadOnlyList<FeeTemplate> QuoteFeeTemplates() =>
        FeeTemplates ?? (DocFee > 0 ? [new FeeTemplate(FeeTemplate.DocFeeName, DocFee, Taxable: false)] : []);

    /// <summary>The zone for <see cref="TimeZone"/>; UTC when the system does not know the id.</summary>
    public static TimeZoneInfo ResolveZone(string? timeZone) =>
        timeZone is not null && TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone) ? zone : TimeZoneInfo.Utc;
}
