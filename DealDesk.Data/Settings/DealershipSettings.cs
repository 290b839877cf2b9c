using DealDesk.Data.Leads;
using DealDesk.Data.Tenancy;

namespace DealDesk.Data.Settings;

/// <summary>
/// What a manager edits on /settings and GET/PUT /api/settings carries. Rates as stored: the tax rate a
/// fraction (0.0725), the APR a percentage (6.9). The doc fee is its own field (deal scenarios price it);
/// <see cref="OtherFees"/> are the further fee templates a new quote starts with.
/// </summary>
public sealed class DealershipSettings
{
    public string? Name { get; set; }
    public string? TimeZone { get; set; }
    public string? Country { get; set; }
    public decimal DefaultTaxRate { get; set; }
    public bool TradeInReducesTaxable { get; set; }
    public decimal DocFee { get; set; }
    public bool DocFeeTaxable { get; set; }
    public List<FeeTemplate> OtherFees { get; set; } = [];
    public decimal DefaultApr { get; set; }
    public decimal DownPaymentStep { get; set; }
    public List<string> AllowedCurrencies { get; set; } = [];

    /// <summary>The Cloud API phone_number_id of the dealership's WhatsApp number (digits; empty = none). Unique across dealerships.</summary>
    public string? WhatsAppPhoneNumberId { get; set; }
    public bool LeadRoundRobin { get; set; }

    /// <summary>The lead settings are shadow properties (Leads/DealershipWhatsAppConfiguration), so they come from the tracked entry.</summary>
    public static DealershipSettings From(DealDeskDbContext db, Dealership d)
    {
        var settings = From(d);
        var entry = db.Entry(d);
        settings.WhatsAppPhoneNumberId = entry.Property<string?>(DealershipWhatsAppConfiguration.PhoneNumberId).CurrentValue;
        settings.LeadRoundRobin = entry.Property<bool>(DealershipWhatsAppConfiguration.RoundRobin).CurrentValue;
        return settings;
    }

    static DealershipSettings From(Dealership d)
    {
        var fees = d.QuoteFeeTemplates();
        var doc = fees.FirstOrDefault(f => f.Name == FeeTemplate.DocFeeName);
        return new DealershipSettings
        {
            Name = d.Name, TimeZone = d.TimeZone, Country = d.Country, DefaultTaxRate = d.DefaultTaxRate,
            TradeInReducesTaxable = d.TradeInReducesTaxable, DocFee = d.DocFee, DocFeeTaxable = doc?.Taxable ?? false,
            OtherFees = [.. fees.Where(f => f.Name != FeeTemplate.DocFeeName)], DefaultApr = d.DefaultApr,
            DownPaymentStep = d.DownPaymentStep, AllowedCurrencies = [.. d.AllowedCurrencies],
        };
    }

    /// <summary>Writes validated settings onto the row. The doc fee becomes the first fee template, so a new quote and a new deal charge the same.</summary>
    public void ApplyTo(DealDeskDbContext db, Dealership d)
    {
        var entry = db.Entry(d);
        entry.Property<string?>(DealershipWhatsAppConfiguration.PhoneNumberId).CurrentValue =
            string.IsNullOrWhiteSpace(WhatsAppPhoneNumberId) ? null : WhatsAppPhoneNumberId.Trim();
        entry.Property<bool>(DealershipWhatsAppConfiguration.RoundRobin).CurrentValue = LeadRoundRobin;
        d.Name = Name!.Trim();
        d.TimeZone = TimeZone!.Trim();
        d.Country = Country!.Trim().ToUpperInvariant();
        d.DefaultTaxRate = DefaultTaxRate;
        d.TradeInReducesTaxable = TradeInReducesTaxable;
        d.DocFee = DocFee;
        d.FeeTemplates = [.. (DocFee > 0 ? [new FeeTemplate(FeeTemplate.DocFeeName, DocFee, DocFeeTaxable)] : Array.Empty<FeeTemplate>()),
            .. OtherFees.Select(f => f with { Name = f.Name.Trim() })];
        d.DefaultApr = DefaultApr;
        d.DownPaymentStep = DownPaymentStep;
        d.AllowedCurrencies = [.. AllowedCurrencies.Select(c => c.Trim().ToUpperInvariant())];
    }
}
